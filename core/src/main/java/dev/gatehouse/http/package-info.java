/**
 * How Gatehouse reaches upstreams: the {@link dev.gatehouse.http.Transport} seam and its JDK
 * implementation, one upstream call written once ({@link dev.gatehouse.http.UpstreamCalls}),
 * deadlines and size limits, the SSE reader, image fetching and the public-address rules.
 */
package dev.gatehouse.http;
