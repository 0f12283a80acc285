package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.aws.EventStreamMessage;
import dev.gatehouse.aws.EventStreamReader;
import dev.gatehouse.http.UpstreamLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes an InvokeEndpointWithResponseStream answer carries, as one stream: the
 * {@code application/vnd.amazon.eventstream} body is a series of {@code PayloadPart} events whose
 * payload is a piece of the container's own answer (its {@code Bytes} member,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_PayloadPart.html). The
 * pieces split the container's output anywhere (a server-sent event may span several parts, as
 * LiteLLM's decoder for SageMaker also allows), so they are joined here and read as one body.
 *
 * <p>An {@code exception} message ({@code ModelStreamError}, {@code InternalStreamFailure},
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_ResponseStream.html) is
 * thrown as the error it maps to; events of other types are skipped.
 */
final class PayloadPartStream extends InputStream {

    private final InputStream body;
    private final EventStreamReader reader;
    private byte[] part = new byte[0];
    private int position;
    private boolean ended;

    PayloadPartStream(InputStream body, UpstreamLimits limits) {
        this.body = body;
        this.reader = new EventStreamReader(body, SageMakerProvider.NAME, limits);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= part.length) {
            if (ended || !nextPart()) {
                ended = true;
                return -1;
            }
        }
        int count = Math.min(length, part.length - position);
        System.arraycopy(part, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Loads the next PayloadPart's bytes; false at the end of the body. */
    private boolean nextPart() throws IOException {
        EventStreamMessage message = reader.next();
        if (message == null) {
            return false;
        }
        String messageType = message.text(":message-type");
        if ("exception".equals(messageType)) {
            throw SageMakerErrors.fromStreamException(message.text(":exception-type"), message.payloadText());
        }
        if ("error".equals(messageType)) {
            // The event-stream protocol's own error form: the code and the message are headers.
            throw SageMakerErrors.fromStreamException(message.text(":error-code"), message.text(":error-message"));
        }
        part = "PayloadPart".equals(message.text(":event-type")) ? message.payload() : new byte[0];
        position = 0;
        return true;
    }

    /** Bytes of the current part not yet read; a next part is not counted, as reading it may wait. */
    @Override
    public int available() {
        return part.length - position;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
