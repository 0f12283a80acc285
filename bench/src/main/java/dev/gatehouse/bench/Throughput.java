package dev.gatehouse.bench;

/**
 * Closed-loop throughput of one target: {@code --connections} connections sending plain chat
 * requests (streamed ones with {@code --stream}) back to back for {@code --seconds} after
 * {@code --warmup-seconds}; prints the answered requests per second and the errors (non-200
 * answers count as errors).
 *
 * <pre>
 * throughput --target name=http://host:port/v1/chat/completions;authorization=Bearer … [--connections 32]
 *            [--seconds 20] [--warmup-seconds 20] [--stream]
 * </pre>
 */
public final class Throughput {
    private Throughput() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        Target target = Target.parse(args.all("--target").getFirst());
        int connections = (int) args.num("--connections", 32);
        boolean streaming = args.flag("--stream");
        LoadGenerator.closed(target, streaming, connections, Double.parseDouble(args.str("--warmup-seconds", "20")));
        Result result = LoadGenerator.closed(target, streaming, connections, Double.parseDouble(args.str("--seconds", "20")));
        System.out.printf("%s: %.0f req/s, %d ok, %d errors, p50 %.3f ms, p99 %.3f ms%n", target.name(),
                result.achievedRate(), result.ok(), result.errors(), result.ms(50), result.ms(99));
    }
}
