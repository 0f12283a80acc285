package dev.gatehouse.server.upstream;

import dev.gatehouse.http.UpstreamRequest;
import java.net.URI;
import java.util.Map;

/**
 * Writes a request's head (RFC 9112 sections 3 and 5) into its connection's write buffer: the
 * request line with the URI's path and query exactly as written (already encoded: a signature
 * such as Bedrock's SigV4 is made over the path as sent, so nothing is decoded or encoded again),
 * {@code Host} and {@code User-Agent} unless the caller gave them, the caller's headers, and
 * {@code Content-Length}.
 */
final class RequestHead {

    static final String USER_AGENT = "Gatehouse";

    private RequestHead() {}

    static void write(Http1Connection out, UpstreamRequest request, Destination destination) {
        URI uri = asciiOnly(request.uri());
        out.put(token(request.method(), "method"));
        out.put(" ");
        String path = uri.getRawPath();
        out.put(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            out.put("?");
            out.put(uri.getRawQuery());
        }
        out.put(" HTTP/1.1");
        out.putCrlf();
        boolean host = false;
        boolean userAgent = false;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("content-length")) {
                continue; // written below from the body itself: a different one would break the framing
            }
            host |= name.equalsIgnoreCase("host");
            userAgent |= name.equalsIgnoreCase("user-agent");
            field(out, token(name, "header name"), header.getValue());
        }
        if (!host) {
            field(out, "Host", destination.hostHeader());
        }
        if (!userAgent) {
            // Some API front ends refuse a request without one; it names the client, nothing of the caller.
            field(out, "User-Agent", USER_AGENT);
        }
        byte[] body = request.body();
        if (body != null) {
            field(out, "Content-Length", Integer.toString(body.length));
        } else if (expectsBody(request.method())) {
            field(out, "Content-Length", "0"); // some servers refuse these methods without a length (411)
        }
        out.putCrlf();
    }

    private static void field(Http1Connection out, String name, String value) {
        out.put(name);
        out.put(": ");
        out.put(fieldValue(name, value));
        out.putCrlf();
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** A method or header name: a token (RFC 9110 section 5.6.2); anything else would corrupt the head. */
    private static String token(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty " + what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("a " + what + " that is not an HTTP token");
            }
        }
        return text;
    }

    /** A header value: no line breaks or other control characters (header injection), one byte per character. */
    private static String fieldValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException("the value of header " + name + " has a character HTTP does not allow");
            }
        }
        return value;
    }

    /** The URI with any non-ASCII character of its path or query percent-encoded as UTF-8; the URI itself otherwise. */
    private static URI asciiOnly(URI uri) {
        return isAscii(uri.getRawPath()) && isAscii(uri.getRawQuery()) ? uri : URI.create(uri.toASCIIString());
    }

    private static boolean isAscii(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
