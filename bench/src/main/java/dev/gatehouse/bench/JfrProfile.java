package dev.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of the gateway under load spent its CPU: the execution samples
 * ({@code jdk.ExecutionSample}) counted by their top frame, by their first Gatehouse frame, and
 * inclusively by area (a sample counts for every area one of its frames belongs to), plus the
 * GC pauses and the bytes allocated (from the heap summaries around each collection; per
 * request when given the number of requests served while recorded). Prints Markdown.
 *
 * <pre>java -cp bench/target/classes dev.gatehouse.bench.JfrProfile recording.jfr [top=25] [requests]</pre>
 */
public final class JfrProfile {
    /** Areas of the request path, recognised by a prefix of a frame's class and method name. */
    private static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("JSON (Jackson: parse, map, write)", List.of("com.fasterxml.jackson."));
        AREAS.put("socket reads and writes (both sides)", List.of("sun.nio.ch.SocketDispatcher.", "sun.nio.ch.NioSocketImpl.",
                "sun.nio.ch.Net."));
        AREAS.put("Helidon web server (HTTP/1 parse, routing, response)", List.of("io.helidon.webserver."));
        AREAS.put("upstream client (the upstream call)", List.of("io.helidon.webclient.",
                "dev.gatehouse.server.upstream."));
        AREAS.put("the key check (RequestAccess, hashing the key)", List.of("dev.gatehouse.server.auth.",
                "dev.gatehouse.server.http.RequestAccess."));
        AREAS.put("spend log (ticket, queue, writer)", List.of("dev.gatehouse.server.spend."));
        AREAS.put("metrics", List.of("dev.gatehouse.server.metrics."));
        AREAS.put("logging", List.of("java.util.logging.", "org.slf4j."));
        AREAS.put("message digests and other crypto", List.of("sun.security.", "java.security.", "javax.crypto."));
        AREAS.put("provider mapping (core provider packages)", List.of("dev.gatehouse.provider."));
        // The core root package (Gateway, GatewayCall, the routed stream, request preparation) and routing.
        AREAS.put("routing (core Gateway and routing)", List.of("dev.gatehouse.Gateway", "dev.gatehouse.RoutedStream",
                "dev.gatehouse.ChatPreparation.", "dev.gatehouse.AnthropicPassthrough.", "dev.gatehouse.Snapshot.",
                "dev.gatehouse.routing."));
        AREAS.put("virtual-thread scheduling (park, unpark, mount)", List.of("java.lang.VirtualThread.",
                "java.util.concurrent.ForkJoin", "jdk.internal.vm.Continuation."));
    }

    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> byTop = new HashMap<>();
        Map<String, Integer> byGatehouse = new HashMap<>();
        Map<String, Integer> byArea = new LinkedHashMap<>();
        AREAS.keySet().forEach(a -> byArea.put(a, 0));
        // Requests served while recorded (from the load generator): per-request figures when given.
        long requests = args.length > 2 ? Long.parseLong(args[2]) : 0;
        // Bytes allocated while recorded: what each young collection found in use, less what the
        // one before left; the last collection's leftovers are counted by the next run, not here.
        long allocated = 0;
        long lastAfter = -1;
        Map<String, Long> allocBySite = new HashMap<>();
        Map<String, Long> allocByGatehouse = new HashMap<>();
        long allocSampled = 0;
        int samples = 0;
        int gcPauses = 0;
        Duration gcTotal = Duration.ZERO;
        Duration longestGc = Duration.ZERO;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.GCPhasePause")) {
                    gcPauses++;
                    gcTotal = gcTotal.plus(e.getDuration());
                    longestGc = e.getDuration().compareTo(longestGc) > 0 ? e.getDuration() : longestGc;
                }
                if (type.equals("jdk.GCHeapSummary")) {
                    long used = e.getLong("heapUsed");
                    if (e.getString("when").equals("Before GC")) {
                        allocated += lastAfter < 0 ? 0 : Math.max(0, used - lastAfter);
                    } else {
                        lastAfter = used;
                    }
                }
                if (type.equals("jdk.ObjectAllocationSample") && e.getStackTrace() != null
                        && !e.getStackTrace().getFrames().isEmpty()) {
                    // Sampled allocations, each weighted by the bytes it stands for.
                    List<RecordedFrame> frames = e.getStackTrace().getFrames();
                    long weight = e.getLong("weight");
                    String site = e.getClass("objectClass").getName() + " in " + name(frames.getFirst());
                    allocBySite.merge(site, weight, Long::sum);
                    allocByGatehouse.merge(firstGatehouseFrame(frames), weight, Long::sum);
                    allocSampled += weight;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                byTop.merge(name(frames.getFirst()), 1, Integer::sum);
                byGatehouse.merge(firstGatehouseFrame(frames), 1, Integer::sum);
                for (var area : AREAS.entrySet()) {
                    if (frames.stream().map(JfrProfile::name).anyMatch(n -> area.getValue().stream().anyMatch(n::startsWith))) {
                        byArea.merge(area.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(f("%d execution samples; %d GC pauses, %.1f ms in all, the longest %.2f ms%n", samples, gcPauses,
                gcTotal.toNanos() / 1e6, longestGc.toNanos() / 1e6));
        md.append(f("%nAllocated between the first and the last collection: %.1f MB", allocated / 1e6));
        md.append(requests > 0 ? f(", %.1f KB per request (%d requests)%n", allocated / 1e3 / requests, requests) : "\n");
        md.append("\n| area (inclusive: a sample counts for each area on its stack) | samples | share |\n|---|---|---|\n");
        for (var a : byArea.entrySet()) {
            md.append(f("| %s | %d | %.1f %% |%n", a.getKey(), a.getValue(), 100.0 * a.getValue() / samples));
        }
        table(md, "top frame (where the CPU was)", byTop, samples, top);
        table(md, "first Gatehouse frame on the stack", byGatehouse, samples, top);
        if (allocSampled > 0) {
            bytesTable(md, "allocated: class and allocating frame", allocBySite, allocSampled, top);
            bytesTable(md, "allocated: first Gatehouse frame on the stack", allocByGatehouse, allocSampled, top);
        }
        System.out.print(md);
    }

    private static String firstGatehouseFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (name(f).startsWith("dev.gatehouse.")) {
                return name(f);
            }
        }
        return "(no Gatehouse frame: server threads, JDK, GC helpers)";
    }

    private static void bytesTable(StringBuilder md, String title, Map<String, Long> bytes, long all, int top) {
        md.append(f("%n| %s | share of the sampled bytes |%n|---|---|%n", title));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(bytes.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (var e : sorted.subList(0, Math.min(top, sorted.size()))) {
            md.append(f("| `%s` | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / all));
        }
    }

    private static void table(StringBuilder md, String title, Map<String, Integer> counts, int samples, int top) {
        md.append(f("%n| %s | samples | share |%n|---|---|---|%n", title));
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (var e : sorted.subList(0, Math.min(top, sorted.size()))) {
            md.append(f("| `%s` | %d | %.1f %% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / samples));
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
