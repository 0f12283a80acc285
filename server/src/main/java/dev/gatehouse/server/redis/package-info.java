/**
 * The one Redis client every instance shares: a pool, atomic Lua scripts, whether Redis is up,
 * and the routing seams kept on it (cooldowns and deployment capacity shared across instances).
 */
package dev.gatehouse.server.redis;
