package dev.gatehouse.provider;

import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;

/**
 * A provider that generates images ({@code POST /v1/images/generations}). The request already
 * names the upstream model. Parameters the upstream does not take are mapped where its
 * documentation says how, and otherwise refused with a 400 that names them.
 */
public interface ImageProvider extends Provider {

    ImageResponse generateImages(ImageRequest request, Upstream upstream);
}
