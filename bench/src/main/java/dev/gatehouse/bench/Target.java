package dev.gatehouse.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where requests go, and the prepared bytes of the plain and the streaming request.
 * Parsed from {@code name=http://host:port/path;header=value;…}; the pseudo-header
 * {@code model=…} names the request's model instead (default {@code bench-model}, or
 * {@code -Dbench.model}). {@code -Dbench.prompt-bytes=N} makes the user message N bytes of
 * ordinary prose instead of "Hello", for the stages whose cost grows with the prompt (guardrails).
 */
record Target(String name, String host, int port, byte[] plain, byte[] stream) {

    static Target parse(String spec) {
        String[] parts = spec.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq);
        URI uri = URI.create(parts[0].substring(eq + 1));
        StringBuilder headers = new StringBuilder();
        // -Dbench.model names another model (bench/spend.sh serves the mock under its own name).
        String model = System.getProperty("bench.model", "bench-model");
        for (int i = 1; i < parts.length; i++) {
            int e = parts[i].indexOf('=');
            if (parts[i].substring(0, e).equals("model")) {
                model = parts[i].substring(e + 1);
            } else {
                headers.append(parts[i], 0, e).append(": ").append(parts[i].substring(e + 1)).append("\r\n");
            }
        }
        return new Target(name, uri.getHost(), uri.getPort(),
                request(uri, headers, model, false), request(uri, headers, model, true));
    }

    byte[] request(boolean streaming) {
        return streaming ? stream : plain;
    }

    private static byte[] request(URI uri, CharSequence headers, String model, boolean streaming) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt(Integer.getInteger("bench.prompt-bytes", 0)) + "\"}]"
                + (streaming ? ",\"stream\":true}" : "}");
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes.length + "\r\n" + headers + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    /** "Hello", or {@code bytes} of plain prose: words, numbers and punctuation, no secret and no personal data. */
    static String prompt(int bytes) {
        if (bytes <= 0) {
            return "Hello";
        }
        String[] words = ("Please review the deployment plan for the billing service before Friday. The rollout "
                + "moves 3 regions in 2 waves, keeps the old version running for 48 hours, and watches the error "
                + "rate, the p99 latency and the queue depth. If any of them doubles, roll back and write down why. "
                + "Summarize the risks in five bullet points and suggest one test we are missing.").split(" ");
        StringBuilder text = new StringBuilder(bytes + 16);
        for (int i = 0; text.length() < bytes; i++) {
            text.append(words[i % words.length]).append(' ');
        }
        text.setLength(bytes);
        return text.toString();
    }
}
