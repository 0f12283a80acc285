/**
 * Black Forest Labs' FLUX API (docs.bfl.ai): asynchronous image generation and Kontext edits
 * behind OpenAI's images API. Submit, poll the returned polling URL, download the signed result
 * at once, answer with base64. Every URL the API hands back is checked against an allow-list of
 * BFL hosts before it is followed.
 */
package dev.gatehouse.provider.bfl;
