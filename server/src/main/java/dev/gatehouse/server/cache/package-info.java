/**
 * The response cache: exact-match keys over a normalized request ({@link CacheKey}), the answers
 * kept ({@link CachedAnswer}) in this instance's memory or in the shared Redis, and the
 * per-input cache of embeddings. A library the pipeline's cache stages call; docs/cache.md.
 */
package dev.gatehouse.server.cache;
