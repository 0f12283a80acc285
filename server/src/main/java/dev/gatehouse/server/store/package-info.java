/**
 * The JDBC store: a HikariCP pool over PostgreSQL or the embedded H2, statements with their
 * values always bound as parameters, the versioned migrations applied at open, and text made
 * fit for its columns.
 */
package dev.gatehouse.server.store;
