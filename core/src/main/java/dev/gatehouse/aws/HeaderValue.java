package dev.gatehouse.aws;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of one event-stream header, by its wire type
 * (https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html): 0 and 1 are
 * true and false, 2 a byte, 3 a 16-bit, 4 a 32-bit and 5 a 64-bit integer, 6 bytes and 7 a
 * UTF-8 string (each with a 16-bit length), 8 a timestamp (milliseconds since the epoch), 9 a UUID.
 */
public sealed interface HeaderValue {

    /** Wire types 0 (true) and 1 (false). */
    record Bool(boolean value) implements HeaderValue {}

    /** Wire type 2. */
    record Byte(byte value) implements HeaderValue {}

    /** Wire type 3. */
    record Short(short value) implements HeaderValue {}

    /** Wire type 4. */
    record Int(int value) implements HeaderValue {}

    /** Wire type 5. */
    record Long(long value) implements HeaderValue {}

    /** Wire type 6. */
    record Bytes(byte[] value) implements HeaderValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && java.util.Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** Wire type 7. */
    record Text(String value) implements HeaderValue {}

    /** Wire type 8. */
    record Timestamp(Instant value) implements HeaderValue {}

    /** Wire type 9. */
    record Uuid(UUID value) implements HeaderValue {}
}
