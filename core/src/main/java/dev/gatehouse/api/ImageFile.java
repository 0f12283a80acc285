package dev.gatehouse.api;

import java.util.Objects;

/**
 * An image a caller uploaded (to edit it, or as a mask). {@code bytes} is not copied; callers
 * must not change it.
 */
public record ImageFile(String filename, String contentType, byte[] bytes) {

    /**
     * A file as uploaded; when the client named no type (or only {@code application/octet-stream}),
     * PNG, JPEG and WebP are recognised by their first bytes, so that the upstream is told what
     * the file is, as it requires.
     */
    public ImageFile {
        Objects.requireNonNull(bytes, "bytes");
        if (contentType == null || contentType.isBlank() || contentType.equalsIgnoreCase("application/octet-stream")) {
            contentType = sniff(bytes);
        }
        if (filename == null || filename.isBlank()) {
            filename = "image" + switch (contentType) {
                case "image/png" -> ".png";
                case "image/jpeg" -> ".jpg";
                case "image/webp" -> ".webp";
                default -> "";
            };
        }
    }

    private static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    @Override
    public String toString() {
        return "ImageFile[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
