package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ID token that passed every check: its subject ({@code sub}, the user's stable id at the
 * issuer) and all of its claims, for the role and the display name.
 */
record IdToken(String subject, JsonNode claims) {}
