/**
 * The admin API: teams, virtual keys, stored credentials (names only), admin keys and the audit
 * log over HTTP, behind admin keys with roles; spend, the models served and their health; the
 * console's playground (a chat completion as a key, through the model pipeline); and LiteLLM's
 * key endpoints mapped onto the same services for users migrating. Every route is declared once, in a {@link AdminRoute} table, so
 * the role it needs and its presence in the OpenAPI file can be checked.
 */
package dev.gatehouse.server.admin;
