/**
 * The responses Gatehouse answered on OpenAI's Responses API and keeps: the store (sealed at rest
 * with the master keyring, readable by the owner that created them only, deleted after the
 * retention period) and the routes that read and delete them ({@code GET} and {@code DELETE
 * /v1/responses/{id}}, {@code GET /v1/responses/{id}/input_items}).
 */
package dev.gatehouse.server.responses;
