package dev.gatehouse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a gateway's memory every {@code periodSeconds} on its own thread: the resident set
 * ({@code VmRSS}) and, when {@code metrics} is given, the Java heap in use as the gateway's
 * {@code /metrics} reports it ({@code jvm_memory_used_bytes{area="heap"}}: one loopback request,
 * far cheaper than attaching {@code jcmd}). The heap figure is read between collections, so it
 * saw-tooths; its lows are the live heap.
 */
final class MemorySampler implements AutoCloseable {
    private static final String HEAP = "jvm_memory_used_bytes{area=\"heap\"}";

    /** One reading: seconds since the start, RSS in KiB, heap in bytes (-1: not read). */
    record Sample(double seconds, long rssKib, long heapBytes) {
    }

    private final long pid;
    private final URI metrics;
    private final long periodNanos;
    private final long start = System.nanoTime();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile boolean running = true;

    MemorySampler(long pid, URI metrics, double periodSeconds) {
        this.pid = pid;
        this.metrics = metrics;
        this.periodNanos = (long) (periodSeconds * 1e9);
        this.thread = Thread.ofPlatform().daemon().name("memory-sampler").start(this::loop);
    }

    private void loop() {
        for (long next = start; running; next += periodNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
            samples.add(new Sample((System.nanoTime() - start) / 1e9, Proc.rssKib(pid), heapBytes()));
        }
    }

    private long heapBytes() {
        if (metrics == null) {
            return -1;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith(HEAP)) {
                    return (long) Double.parseDouble(line.substring(HEAP.length()).trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
