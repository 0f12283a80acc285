package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.sagemaker.FakeSageMaker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls themselves: the address, the signed inference component, a stream's usage, and what a deployment lacks. */
class SageMakerProviderTest {

    private static Deployment.Builder deployment(String provider, FakeSageMaker fake, Map<String, String> options) {
        return Deployment.builder("m", provider).upstreamModel("my-endpoint").baseUrl(fake.baseUrl()).options(options)
                .credential(SageMakerProvider.ACCESS_KEY_ID, Secret.of(FakeSageMaker.ACCESS_KEY_ID))
                .credential(SageMakerProvider.SECRET_ACCESS_KEY, Secret.of(fake.apiKey()));
    }

    private static Upstream upstream(Deployment deployment) {
        return new Upstream(deployment, new JdkHttpTransport(Duration.ofSeconds(5)));
    }

    @Test
    void theDefaultAddressIsTheRegionsRuntimeHostAndTheNameIsEncoded() {
        Deployment d = Deployment.builder("m", "sagemaker").upstreamModel("my-endpoint")
                .options(Map.of(SageMakerProvider.REGION, "eu-west-1")).build();
        assertEquals(URI.create("https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/my-endpoint/invocations"),
                SageMakerProvider.endpoint(d, "my-endpoint", false));
        assertEquals(URI.create("https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/a%3Ab/"
                + "invocations-response-stream"), SageMakerProvider.endpoint(d, "a:b", true));
    }

    @Test
    void theInferenceComponentIsSentAndSigned() {
        try (FakeSageMaker fake = new FakeSageMaker()) {
            fake.requireInferenceComponent("llama-component-1");
            fake.replyText("Hello.", new FakeUsage(3, 2));
            ChatProvider provider = Providers.create("sagemaker_chat");
            provider.chat(ChatRequest.of("my-endpoint", List.of(Message.User.of("Hi"))), upstream(deployment(
                    "sagemaker_chat", fake, Map.of(SageMakerProvider.REGION, FakeSageMaker.REGION,
                            SageMakerProvider.INFERENCE_COMPONENT, "llama-component-1")).build()));
            fake.assertNoViolations();
            String authorization = fake.requests().getLast().header("authorization").orElseThrow();
            assertTrue(authorization.contains("/us-west-2/sagemaker/aws4_request"), authorization);
            assertTrue(authorization.contains("x-amzn-sagemaker-inference-component"), "signed: " + authorization);
            assertEquals("/endpoints/my-endpoint/invocations", fake.requests().getLast().pathOnly());
        }
    }

    @Test
    void aTextGenerationStreamWithoutDetailsHasNoUsageForTheGatewayToCount() {
        try (FakeSageMaker fake = new FakeSageMaker()) {
            fake.streamText(List.of("Hel", "lo"), new FakeUsage(12, 3));
            ChatProvider provider = Providers.create("sagemaker");
            List<ChatChunk> chunks = new ArrayList<>();
            try (ChatStream stream = provider.stream(ChatRequest.builder("my-endpoint")
                    .messages(List.of(Message.User.of("Hi"))).stream(true).includeUsage(true).build(),
                    upstream(deployment("sagemaker", fake, Map.of(SageMakerProvider.REGION, FakeSageMaker.REGION))
                            .build()))) {
                stream.forEachRemaining(chunks::add);
            }
            fake.assertNoViolations();
            StringBuilder text = new StringBuilder();
            chunks.forEach(c -> c.choices().forEach(choice -> text.append(choice.delta().content() == null ? ""
                    : choice.delta().content())));
            assertEquals("Hello", text.toString(), "the end-of-sequence token is not text");
            assertTrue(chunks.stream().allMatch(c -> c.usage() == null), "no usage the container did not give");
            assertEquals("/endpoints/my-endpoint/invocations-response-stream", fake.requests().getLast().pathOnly());
        }
    }

    @Test
    void aDeploymentWithoutCredentialsOrRegionIsRefusedBeforeAnyCall() {
        ChatProvider provider = Providers.create("sagemaker");
        ChatRequest request = ChatRequest.of("e", List.of(Message.User.of("Hi")));
        Deployment noRegion = Deployment.builder("m", "sagemaker").upstreamModel("e")
                .credential(SageMakerProvider.ACCESS_KEY_ID, Secret.of("AKID"))
                .credential(SageMakerProvider.SECRET_ACCESS_KEY, Secret.of("s")).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(request, upstream(noRegion)));
        Deployment noKeys = Deployment.builder("m", "sagemaker").upstreamModel("e")
                .options(Map.of(SageMakerProvider.REGION, "us-east-1")).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(request, upstream(noKeys)));
    }
}
