/**
 * The configuration file: reading it (Gatehouse's format or LiteLLM's {@code model_list}),
 * checking all of it, and resolving its credentials.
 *
 * <p>The public surface is {@link dev.gatehouse.server.config.ConfigLoader} and the records it
 * returns ({@link dev.gatehouse.server.config.GatehouseConfig},
 * {@link dev.gatehouse.server.config.ServerSettings},
 * {@link dev.gatehouse.server.config.ConfigProblem}). Everything else is package-private: a
 * format reader turns the YAML tree into deployment inputs that keep the location of every
 * setting, and one deployment reader checks them, whatever format they came from. No message
 * built here contains a credential's value.
 */
package dev.gatehouse.server.config;
