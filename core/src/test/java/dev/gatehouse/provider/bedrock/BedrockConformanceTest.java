package dev.gatehouse.provider.bedrock;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.util.Map;

/**
 * Every conformance scenario against the strict fake Bedrock, each request signed with
 * Signature Version 4 (the fake recomputes the signature); Bedrock declares none unsupported.
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
}
