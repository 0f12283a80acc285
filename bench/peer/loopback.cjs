// Preloaded into Portkey's gateway by bench/run.sh (node --require): its start script calls
// serve({fetch, port}) without a hostname, so Node would listen on every interface. This makes
// any listen(port[, undefined], ...) without a host listen on 127.0.0.1 only.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
        const rest = args[1] === undefined ? args.slice(2) : args.slice(1);
        return listen.call(this, args[0], '127.0.0.1', ...rest);
    }
    return listen.apply(this, args);
};
