/**
 * Gatehouse's library: the gateway facade, the canonical OpenAI-format model, routing, the
 * provider interface with the transport it sends through, and the bundled prices.
 * docs/library.md says what is public API and what is not.
 *
 * <p>The packages exported to {@code dev.gatehouse.server} alone are the server's: OpenAI's
 * JSON at the front door, the Responses API's translation, the shared Jackson setup, and the
 * OpenAI-compatible profiles (whose price fields the server's configuration checks). A library
 * user on the module path cannot see them. The server itself runs on the class path, where no
 * module is enforced; naming it here costs nothing and says who may use them ({@code module}
 * lint is off for this declaration because that module is not on the path when core compiles).
 */
@SuppressWarnings("module")
module dev.gatehouse.core {
    // Jackson's types appear in GatewayCall's Anthropic passthrough, so its users read them too.
    requires transitive com.fasterxml.jackson.databind;
    // The default transport is built on the JDK's HTTP client; none of its types is API.
    requires java.net.http;

    exports dev.gatehouse;
    exports dev.gatehouse.api;
    exports dev.gatehouse.api.anthropic;
    exports dev.gatehouse.provider;
    exports dev.gatehouse.routing;
    exports dev.gatehouse.pricing;
    exports dev.gatehouse.catalog;
    exports dev.gatehouse.secret;
    exports dev.gatehouse.http;

    exports dev.gatehouse.api.wire to dev.gatehouse.server;
    exports dev.gatehouse.api.responses to dev.gatehouse.server;
    exports dev.gatehouse.json to dev.gatehouse.server;
    exports dev.gatehouse.provider.openai to dev.gatehouse.server;
    // The guardrails' detectors: the server's input and output stages are their only users so far.
    exports dev.gatehouse.guardrail to dev.gatehouse.server;
    exports dev.gatehouse.guardrail.secrets to dev.gatehouse.server;
    exports dev.gatehouse.guardrail.pii to dev.gatehouse.server;
}
