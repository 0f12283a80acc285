package dev.gatehouse.testkit.bedrock;

import dev.gatehouse.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's Signature Version 4 the way AWS does: it recomputes the signature from
 * the request as received (method, raw path, query, the signed headers, the body) with the
 * secret key, and compares. Written apart from Gatehouse's signer, from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, so that a bug
 * shared by both is unlikely. The messages are AWS's own where it has one. Every AWS fake checks
 * with it (Bedrock's, SageMaker's), each with its own service name.
 */
public final class SigV4Check {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                    + "SignedHeaders=([a-z0-9;\\-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** AWS refuses a signature made more than 15 minutes from its own clock. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** Why AWS refused a request: its error type and message. */
    public record Refusal(String type, String message) {}

    private SigV4Check() {}

    public static Optional<Refusal> check(RecordedRequest request, String accessKeyId, String secret, String region,
            String service, String sessionToken, Instant now) {
        String authorization = request.header("authorization").orElse(null);
        if (authorization == null) {
            return refuse("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return refuse("IncompleteSignatureException", "Authorization header requires 'Credential', "
                    + "'SignedHeaders' and 'Signature' parameters in the AWS4-HMAC-SHA256 form.");
        }
        if (!m.group(1).equals(accessKeyId)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String amzDate = request.header("x-amz-date").orElse(null);
        if (amzDate == null) {
            return refuse("IncompleteSignatureException", "Authorization header requires existence of either a "
                    + "'X-Amz-Date' or a 'Date' header.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return refuse("IncompleteSignatureException", "X-Amz-Date is not in the form yyyyMMddTHHmmssZ");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return refuse("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than the "
                    + "allowed skew of 15 minutes.");
        }
        if (!m.group(2).equals(amzDate.substring(0, 8)) || !m.group(3).equals(region) || !m.group(4).equals(service)) {
            return refuse("InvalidSignatureException", "Credential should be scoped to a valid date, region '"
                    + region + "' and service '" + service + "'.");
        }
        List<String> signed = List.of(m.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return refuse("InvalidSignatureException", "'Host' and 'X-Amz-Date' must be signed headers.");
        }
        String token = request.header("x-amz-security-token").orElse(null);
        if (sessionToken != null && !sessionToken.equals(token)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (sessionToken == null && token != null) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String expected = signature(request, signed, amzDate, m.group(2) + "/" + region + "/" + service
                + "/aws4_request", secret, region, service);
        if (expected == null) {
            return refuse("InvalidSignatureException", "A signed header is missing from the request.");
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                m.group(6).getBytes(StandardCharsets.US_ASCII))) {
            return refuse("InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return Optional.empty();
    }

    private static String signature(RecordedRequest request, List<String> signed, String amzDate, String scope,
            String secret, String region, String service) {
        StringBuilder canonical = new StringBuilder(request.method()).append('\n');
        String path = request.pathOnly();
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(uriEncode(segment));
        }
        canonical.append(String.join("/", segments)).append('\n');
        int q = request.path().indexOf('?');
        canonical.append(q < 0 ? "" : request.path().substring(q + 1)).append('\n'); // Bedrock's paths carry no query
        for (String name : signed) {
            List<String> values = request.headers().get(name);
            if (values == null) {
                return null;
            }
            canonical.append(name).append(':').append(String.join(",",
                    values.stream().map(v -> v.strip().replaceAll(" +", " ")).toList())).append('\n');
        }
        canonical.append('\n').append(String.join(";", signed)).append('\n');
        canonical.append(hex(sha256(request.body())));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    private static String uriEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static Optional<Refusal> refuse(String type, String message) {
        return Optional.of(new Refusal(type, message));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
