/**
 * Google Cloud's service-account authentication, for every adapter that calls Google Cloud
 * (Gemini and Anthropic on Vertex AI), and the checks of a Vertex AI deployment's settings
 * ({@link dev.gatehouse.google.VertexOptions}): a service-account JSON key
 * signs a JWT (RS256, with the JDK's crypto) that Google's token endpoint exchanges for an
 * OAuth access token, as https://developers.google.com/identity/protocols/oauth2/service-account
 * describes ("Preparing to make an authorized API call", HTTP/REST). It lives outside
 * {@code dev.gatehouse.provider} because provider packages may not import each other.
 */
package dev.gatehouse.google;
