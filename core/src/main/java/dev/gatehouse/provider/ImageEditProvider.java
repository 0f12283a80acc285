package dev.gatehouse.provider;

import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;

/** A provider that edits uploaded images ({@code POST /v1/images/edits}); the request carries the images. */
public interface ImageEditProvider extends Provider {

    ImageResponse editImages(ImageRequest request, Upstream upstream);
}
