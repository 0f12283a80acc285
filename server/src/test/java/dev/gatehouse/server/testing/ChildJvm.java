package dev.gatehouse.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second JVM on the tests' class path with a heap of the test's choosing: how a test shows
 * that something runs in constant memory (it finishes in a heap far smaller than its data).
 */
public final class ChildJvm {

    private ChildJvm() {}

    /** Starts {@code main} with {@code args} in a JVM whose heap is at most {@code maxHeap} (such as {@code 32m}). */
    public static Process start(String maxHeap, Class<?> main, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.start();
    }
}
