/**
 * The one Jackson setup of Gatehouse, with the limits (depth, string and number length) that
 * JSON from callers and upstreams alike is read within. Internal: exported to the server only.
 */
package dev.gatehouse.json;
