/**
 * What calling AWS needs, written against the JDK only (no AWS SDK): request signing with
 * Signature Version 4 ({@link dev.gatehouse.aws.SigV4}) and the binary
 * {@code application/vnd.amazon.eventstream} framing of streamed answers
 * ({@link dev.gatehouse.aws.EventStreamReader}). Shared by every AWS-hosted provider.
 */
package dev.gatehouse.aws;
