package dev.gatehouse.aws;

import java.util.regex.Pattern;

/**
 * AWS region names (us-east-1, eu-central-2, us-gov-west-1), which AWS-hosted providers build
 * their default host from: a name that is not well formed must never reach a host name.
 */
public final class AwsRegion {

    /** Letters, digits and dashes: two letters, then dash-separated parts. */
    private static final Pattern NAME = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

    private AwsRegion() {}

    /** Whether {@code region} is a well-formed region name. */
    public static boolean isName(String region) {
        return region != null && NAME.matcher(region).matches();
    }
}
