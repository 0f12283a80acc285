/**
 * Budgets and rate limits per virtual key and per team (docs/limits.md): the {@link
 * dev.gatehouse.server.limit.Limiter} every model route admits its requests through, over an
 * in-memory store or a shared Redis.
 *
 * <p>By job: {@code AdmissionPlan} is what one request is held to, a typed {@code Limit} per
 * limit of its key and team (requests and tokens per minute, requests in flight, a budget
 * period); {@code WorstCost} is what it may cost at most, the reservation a budget holds;
 * {@code LimitStores} picks where it is counted (Redis while it answers, else this instance or
 * a refusal) and pings Redis back; {@code LocalLimitStore} and {@code RedisLimitStore} take and
 * settle every limit of a plan at once or none; {@code SoftBudgetAlerts} tells of a soft budget
 * reached. The {@code Limiter} admits and settles, and nothing else.
 */
package dev.gatehouse.server.limit;
