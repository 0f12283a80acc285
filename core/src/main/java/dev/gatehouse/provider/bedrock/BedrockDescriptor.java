package dev.gatehouse.provider.bedrock;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/** AWS Bedrock's Converse and InvokeModel APIs ({@code bedrock}), with AWS credentials or a Bedrock API key. */
public final class BedrockDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of("bedrock"),
            id -> new BedrockProvider(), (id, written) -> BedrockSettings.check(written),
            BedrockProvider.credentialNames(), Map.of(), List.of(new Prefix()));

    /**
     * LiteLLM's {@code bedrock/}: {@code bedrock/converse/…} and {@code bedrock/invoke/…} name the
     * API to call, which for Gatehouse is always Converse.
     */
    private record Prefix() implements LiteLlmPrefix {
        @Override
        public String prefix() {
            return "bedrock";
        }

        @Override
        public String provider(String apiBaseHost) {
            return "bedrock";
        }

        @Override
        public String upstreamModel(String rest) {
            for (String route : new String[] {"converse/", "invoke/"}) {
                if (rest.startsWith(route)) {
                    return rest.substring(route.length());
                }
            }
            return rest;
        }
    }

    private BedrockDescriptor() {}
}
