/**
 * The model routes, each declared once ({@link dev.gatehouse.server.http.ModelRoute}): how its
 * request is read and validated, what it may use, how the gateway is called and how the answer
 * and its stream are written in the route's API. Everything the routes share is the pipeline's
 * ({@link dev.gatehouse.server.http.Pipeline}); docs/architecture.md shows how to add a route.
 */
package dev.gatehouse.server.routes;
