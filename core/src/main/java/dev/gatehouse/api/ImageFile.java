package dev.gatehouse.api;

import java.util.Objects;

/**
 * An image a caller uploaded (to edit it, or as a mask). {@code bytes} is not copied; callers
 * must not change it.
 */
public record ImageFile(String filename, String contentType, byte[] bytes) {

    public ImageFile {
        Objects.requireNonNull(bytes, "bytes");
        filename = filename == null || filename.isBlank() ? "image" : filename;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    @Override
    public String toString() {
        return "ImageFile[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
