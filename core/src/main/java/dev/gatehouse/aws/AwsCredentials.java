package dev.gatehouse.aws;

import dev.gatehouse.secret.Secret;
import java.util.Objects;

/**
 * The credentials a request is signed with: an access key id, its secret access key, and the
 * session token that temporary credentials (STS, an assumed role) come with.
 *
 * @param accessKeyId     the access key id ({@code AKIA…} or {@code ASIA…})
 * @param secretAccessKey the secret access key; it never leaves the process, only signatures made with it do
 * @param sessionToken    the session token of temporary credentials, or null
 */
public record AwsCredentials(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }
}
