package dev.gatehouse.server.cache;

import java.util.concurrent.atomic.LongAdder;

/** The counters both storages keep, and how they are written for Prometheus. */
final class CacheCounters {

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder stores = new LongAdder();
    final LongAdder storedBytes = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder tooLarge = new LongAdder();
    final LongAdder unavailable = new LongAdder();

    ResponseCache.Stats stats(long heldBytes, long entries) {
        return new ResponseCache.Stats(hits.sum(), misses.sum(), stores.sum(), storedBytes.sum(), evictions.sum(),
                tooLarge.sum(), unavailable.sum(), heldBytes, entries);
    }

    /** Every series labelled with the storage ({@code memory} or {@code redis}); the gauges only where known. */
    static void scrape(StringBuilder out, String storage, ResponseCache.Stats stats) {
        String label = "{storage=\"" + storage + "\"} ";
        counter(out, "gatehouse_cache_hits_total", "Lookups the response cache answered.", label, stats.hits());
        counter(out, "gatehouse_cache_misses_total", "Lookups the response cache had no answer for.", label,
                stats.misses());
        counter(out, "gatehouse_cache_stores_total", "Answers kept by the response cache.", label, stats.stores());
        counter(out, "gatehouse_cache_stored_bytes_total", "Bytes of the answers kept by the response cache.", label,
                stats.storedBytes());
        counter(out, "gatehouse_cache_evictions_total", "Cached answers dropped to make room before they expired.",
                label, stats.evictions());
        counter(out, "gatehouse_cache_too_large_total", "Answers not cached because they were larger than it takes.",
                label, stats.tooLarge());
        counter(out, "gatehouse_cache_unavailable_total", "Cache lookups and stores skipped while its storage was"
                + " unreachable.", label, stats.unavailable());
        if (stats.heldBytes() >= 0) {
            gauge(out, "gatehouse_cache_bytes", "Bytes the response cache holds now (estimated).", label,
                    stats.heldBytes());
            gauge(out, "gatehouse_cache_entries", "Answers the response cache holds now.", label, stats.entries());
        }
    }

    private static void counter(StringBuilder out, String name, String help, String label, long value) {
        series(out, name, help, "counter", label, value);
    }

    private static void gauge(StringBuilder out, String name, String help, String label, long value) {
        series(out, name, help, "gauge", label, value);
    }

    private static void series(StringBuilder out, String name, String help, String type, String label, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(label).append(value).append('\n');
    }
}
