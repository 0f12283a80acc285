package dev.gatehouse.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for requests signed in the {@code Authorization} header, on the
 * JDK's HmacSHA256 and SHA-256, following
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html and checked
 * against AWS's published test suite (the vectors are in this module's test resources).
 *
 * <p>The canonical request is: method, canonical URI, canonical query string, canonical
 * headers, signed header names, hex SHA-256 of the body. Every service but S3 encodes the
 * path a second time: the path as it goes on the wire (already percent-encoded, such as a
 * Bedrock model id's {@code :} as {@code %3A}) is encoded again for the canonical URI.
 * Header values are trimmed and inner runs of spaces collapsed to one; several values of one
 * header are joined by commas in the order given.
 */
public final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** A request to sign: headers by name (any case, several values each), and the body (null for none). */
    public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {}

    /** Where a signature is valid: the region and the service's signing name (Bedrock signs as {@code bedrock}). */
    public record Scope(String region, String service) {}

    private SigV4() {}

    /**
     * The headers to add to {@code request} so that AWS accepts it: {@code x-amz-date},
     * {@code x-amz-security-token} for temporary credentials, and {@code authorization}. The
     * signature covers {@code host}, which the HTTP client sends from the URI, and every header of
     * the request.
     */
    public static Map<String, String> sign(Request request, AwsCredentials credentials, Scope scope, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-amz-date", List.of(amzDate));
        if (credentials.sessionToken() != null) {
            headers.put("x-amz-security-token", List.of(credentials.sessionToken().reveal()));
        }
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("host"))) {
            headers.put("host", List.of(hostHeader(request.uri())));
        }
        Request full = new Request(request.method(), request.uri(), headers, request.body());
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            added.put("x-amz-security-token", credentials.sessionToken().reveal());
        }
        added.put("authorization", authorization(full, credentials, scope, amzDate));
        return added;
    }

    /** The {@code Authorization} header value of a request that already carries its {@code x-amz-date}. */
    static String authorization(Request request, AwsCredentials credentials, Scope scope, String amzDate) {
        String date = amzDate.substring(0, 8);
        String credentialScope = date + "/" + scope.region() + "/" + scope.service() + "/aws4_request";
        TreeMap<String, String> canonicalHeaders = canonicalHeaders(request.headers());
        String signedHeaders = String.join(";", canonicalHeaders.keySet());
        String toSign = stringToSign(canonicalRequest(request), amzDate, credentialScope);
        byte[] key = signingKey(credentials.secretAccessKey().reveal(), date, scope);
        String signature = HEX.formatHex(hmac(key, toSign));
        return ALGORITHM + " Credential=" + credentials.accessKeyId().reveal() + "/" + credentialScope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    static String canonicalRequest(Request request) {
        TreeMap<String, String> headers = canonicalHeaders(request.headers());
        StringBuilder out = new StringBuilder();
        out.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        out.append(canonicalUri(request.uri().getRawPath())).append('\n');
        out.append(canonicalQuery(request.uri().getRawQuery())).append('\n');
        headers.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        out.append('\n');
        out.append(String.join(";", headers.keySet())).append('\n');
        out.append(HEX.formatHex(sha256(request.body() == null ? new byte[0] : request.body())));
        return out.toString();
    }

    static String stringToSign(String canonicalRequest, String amzDate, String credentialScope) {
        return ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    private static byte[] signingKey(String secret, String date, Scope scope) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        return hmac(key, "aws4_request");
    }

    /** Each segment of the wire path encoded once more; an empty path is {@code /}. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    /** Parameters sorted by encoded name, then encoded value; a parameter without '=' has an empty value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(p[0] + "=" + p[1]));
        return String.join("&", out);
    }

    private static TreeMap<String, String> canonicalHeaders(Map<String, List<String>> headers) {
        TreeMap<String, String> out = new TreeMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT).strip();
            List<String> trimmed = values.stream().map(SigV4::trimValue).toList();
            out.merge(key, String.join(",", trimmed), (a, b) -> a + "," + b);
        });
        return out;
    }

    private static String trimValue(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    /**
     * RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else %XX in
     * upper case. Also how a path segment of a signed URL is written, so that what is sent is what was signed.
     */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The Host header an HTTP client sends for this URI: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
