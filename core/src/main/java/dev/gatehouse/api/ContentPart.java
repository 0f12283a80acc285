package dev.gatehouse.api;

import java.util.Objects;

/** One part of a message's content: text, or an image given by URL or as a base64 data URL. */
public sealed interface ContentPart {

    /** A piece of text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image: an {@code https://} URL or a {@code data:<media type>;base64,<data>} URL, as
     * OpenAI's {@code image_url} part carries it. {@code detail} is {@code auto}, {@code low},
     * {@code high} or null.
     */
    record Image(String url, String detail) implements ContentPart {
        public Image {
            Objects.requireNonNull(url, "url");
        }

        /** The inline image this part carries, if its URL is a base64 data URL. */
        public java.util.Optional<DataUrl> dataUrl() {
            return DataUrl.parse(url);
        }
    }
}
