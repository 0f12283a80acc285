package dev.gatehouse.provider.bedrock;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.util.Map;
import java.util.Set;

/**
 * Every conformance scenario against the strict fake Bedrock, each request signed with
 * Signature Version 4 (the fake recomputes the signature). A JSON response format is not
 * mapped to Bedrock yet, so that scenario must be a clear 400.
 */
class BedrockConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeBedrock();
    }

    @Override
    protected String providerId() {
        return "bedrock";
    }

    @Override
    protected String upstreamModel() {
        return "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    }

    @Override
    protected Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment.apiKey(null)
                .options(Map.of(BedrockProvider.REGION, FakeBedrock.REGION))
                .credential(BedrockProvider.ACCESS_KEY_ID, Secret.of(FakeBedrock.ACCESS_KEY_ID))
                .credential(BedrockProvider.SECRET_ACCESS_KEY, Secret.of(fake.apiKey()));
    }

    @Override
    protected Set<String> unsupported() {
        return Set.of(JSON_SCHEMA);
    }
}
