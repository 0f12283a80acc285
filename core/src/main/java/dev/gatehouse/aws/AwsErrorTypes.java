package dev.gatehouse.aws;

/**
 * The error type AWS services name in an answer's {@code x-amzn-ErrorType} header, its JSON
 * {@code __type}, or an event stream's {@code :exception-type}, as the bare name providers map on.
 */
public final class AwsErrorTypes {

    private AwsErrorTypes() {}

    /**
     * {@code ValidationException:http://internal.amazon.com/…} or {@code com.amazon…#ModelError} →
     * the bare name ({@code ValidationException}, {@code ModelError}); null for none.
     */
    public static String shortName(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String name = type.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int hash = name.lastIndexOf('#');
        return hash >= 0 ? name.substring(hash + 1) : name;
    }
}
