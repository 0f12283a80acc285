package dev.gatehouse.server.migrate.litellm;

/**
 * What became of one planned import when it was written.
 *
 * @param gatehouseId the team or key it became, or the spend row's request id; null when it failed
 *                    or had been imported meanwhile
 * @param problem     why it was not written, or null
 */
record Applied(Planned item, String gatehouseId, String problem) {}
