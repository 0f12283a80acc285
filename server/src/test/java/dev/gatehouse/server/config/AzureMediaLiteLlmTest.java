package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LiteLLM team configuration with Azure OpenAI embeddings and images ({@code azure/text-embedding-3-large},
 * {@code azure/dall-e-3}, {@code azure/gpt-image-1}) serves them end to end through the server, against
 * the strict Azure fake, and records priced spend rows: embeddings by tokens, images by size and quality.
 */
class AzureMediaLiteLlmTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Azure's list prices of these models as a deployment's pricing: setting would give them (per image by quality/size). */
    private static final ModelPrice EMBEDDING_PRICE = ModelPrice.tokens("0.13", "0");
    private static final ModelPrice DALL_E_3_PRICE = new ModelPrice(null, null, null, null, null, Map.of(
            "standard/1024x1024", new BigDecimal("0.04"), "hd/1024x1024", new BigDecimal("0.08"),
            "standard/1792x1024", new BigDecimal("0.08"), "hd/1792x1024", new BigDecimal("0.12")));
    private static final ModelPrice GPT_IMAGE_PRICE = new ModelPrice(null, null, null, null, null, Map.of(
            "low/1024x1024", new BigDecimal("0.011"), "medium/1024x1024", new BigDecimal("0.042")));

    @Test
    void embeddingsAndImagesOnAzureAreServedAndPricedFromALiteLlmConfig(@TempDir Path dir) throws Exception {
        try (FakeOpenAiMedia azure = new FakeOpenAiMedia(MediaDialect.AZURE)) {
            Path file = dir.resolve("litellm_config.yaml");
            Files.writeString(file, """
                    model_list:
                      - model_name: text-embedding-3-large
                        litellm_params:
                          model: azure/text-embedding-3-large
                          api_base: %1$s
                          api_key: os.environ/AZURE_API_KEY
                          api_version: "2024-10-21"
                          allow_private_network: true
                      - model_name: dall-e-3
                        litellm_params:
                          model: azure/dall-e-3
                          api_base: %1$s
                          api_key: os.environ/AZURE_API_KEY
                          api_version: "2024-10-21"
                          allow_private_network: true
                      - model_name: gpt-image-1
                        litellm_params:
                          model: azure/gpt-image-1
                          api_base: %1$s
                          api_key: os.environ/AZURE_API_KEY
                          allow_private_network: true
                    server:
                      port: 0
                    """.formatted(azure.baseUrl()));
            ConfigLoader.Loaded loaded = new ConfigLoader(Map.of("AZURE_API_KEY", azure.apiKey())::get).load(file);
            assertTrue(loaded.ok(), loaded.problems().toString());
            GatehouseConfig config = loaded.config().withRouting(TestStores.ONE_ATTEMPT);
            for (Deployment deployment : loaded.config().deployments()) {
                config = config.withPrice(deployment, switch (deployment.upstreamModel()) {
                    case "text-embedding-3-large" -> EMBEDDING_PRICE;
                    case "dall-e-3" -> DALL_E_3_PRICE;
                    default -> GPT_IMAGE_PRICE;
                });
            }

            StoreSettings store = new StoreSettings("jdbc:h2:mem:azure-media-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    Optional.empty(), Optional.empty(), 4);
            ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                    Duration.ofMillis(50));
            String key = control.keys().createKey(new KeyDraft("team", null, List.of("*"), Set.of(), List.of(), null,
                    Limits.NONE, Json.object()), Actor.CLI).secret();

            azure.replyEmbeddings(1);
            azure.replyImages();
            azure.replyImages();
            try (Gatehouse gatehouse = Gatehouse.start(config, control)) {
                HttpResponse<String> embedded = post(gatehouse, key, "/v1/embeddings", "r-embed",
                        "{'model':'text-embedding-3-large','input':['hello','azure'],'dimensions':8}");
                assertEquals(200, embedded.statusCode(), embedded.body());
                assertEquals("/openai/deployments/text-embedding-3-large/embeddings?api-version=2024-10-21",
                        azure.requests().get(0).path());
                JsonNode vectors = Json.mapper().readTree(embedded.body());
                assertEquals(2, vectors.path("data").size());
                assertEquals(8, vectors.path("data").get(0).path("embedding").size());

                HttpResponse<String> drawn = post(gatehouse, key, "/v1/images/generations", "r-dalle",
                        "{'model':'dall-e-3','prompt':'a lighthouse at dusk','size':'1792x1024','quality':'hd'}");
                assertEquals(200, drawn.statusCode(), drawn.body());
                assertEquals("/openai/deployments/dall-e-3/images/generations?api-version=2024-10-21",
                        azure.requests().get(1).path());
                assertTrue(Json.mapper().readTree(drawn.body()).path("data").get(0).path("url").asText()
                        .startsWith("https://"), drawn.body());

                HttpResponse<String> gpt = post(gatehouse, key, "/v1/images/generations", "r-gpt-image",
                        "{'model':'gpt-image-1','prompt':'a lighthouse','n':2,'size':'1024x1024','quality':'low'}");
                assertEquals(200, gpt.statusCode(), gpt.body());
                assertEquals("/openai/v1/images/generations", azure.requests().get(2).path());
                assertEquals("gpt-image-1", azure.requests().get(2).json().path("model").asText());

                HttpResponse<String> tooMany = post(gatehouse, key, "/v1/images/generations", "r-refused",
                        "{'model':'dall-e-3','prompt':'two lighthouses','n':2}");
                assertEquals(400, tooMany.statusCode(), tooMany.body());
                assertEquals("n", Json.mapper().readTree(tooMany.body()).path("error").path("param").asText());
            }
            azure.assertNoViolations();
            assertEquals(3, azure.requestCount(), "the refused request never reached Azure");

            Map<String, Row> rows = rows(store);
            Row embed = rows.get("r-embed");
            assertEquals("embeddings", embed.route());
            assertEquals("azure", embed.provider());
            assertEquals(10, embed.prompt(), "the fake counts one token per character");
            assertEquals(0, new BigDecimal("0.0000013").compareTo(embed.cost()), embed.toString());

            Row dalle = rows.get("r-dalle");
            assertEquals("images_generations", dalle.route());
            assertEquals(1, dalle.images());
            assertEquals(0, new BigDecimal("0.12").compareTo(dalle.cost()), "hd at 1792x1024: " + dalle);

            Row gptImage = rows.get("r-gpt-image");
            assertEquals(2, gptImage.images());
            assertEquals(0, new BigDecimal("0.022").compareTo(gptImage.cost()), "two low 1024x1024 images: " + gptImage);
        }
    }

    private static HttpResponse<String> post(Gatehouse gatehouse, String key, String path, String requestId,
            String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"'))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Row(String provider, String route, Integer prompt, Integer images, BigDecimal cost) {}

    /** The spend rows by request id, read after the gateway has stopped (and written them all). */
    private static Map<String, Row> rows(StoreSettings store) {
        try (Database database = Database.open(store)) {
            Map<String, Row> rows = new HashMap<>();
            database.query("SELECT * FROM spend_log", r -> new Object[] {r.getString("request_id"), new Row(
                    r.getString("provider"), r.getString("route"), (Integer) r.getObject("prompt_tokens"),
                    (Integer) r.getObject("images"), r.getBigDecimal("cost_usd"))})
                    .forEach(pair -> rows.put((String) pair[0], (Row) pair[1]));
            return rows;
        }
    }
}
