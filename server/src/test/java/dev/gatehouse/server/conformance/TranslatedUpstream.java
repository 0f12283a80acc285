package dev.gatehouse.server.conformance;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An upstream Gatehouse reaches through the canonical chat translation: one of the testkit's
 * chat fakes, scripted with its scenario vocabulary. A provider adds how its model reasons
 * and how a request asks for reasoning and for a JSON schema.
 */
abstract class TranslatedUpstream<F extends FakeProvider & ScriptableFake> implements ResponsesUpstream {

    /** Long enough for any answer the fakes give, short enough for the timeout case. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    final F fake;
    private final String provider;
    private final String upstreamModel;

    TranslatedUpstream(F fake, String provider, String upstreamModel) {
        this.fake = fake;
        this.provider = provider;
        this.upstreamModel = upstreamModel;
    }

    /** The provider's further settings (a region, credentials); none by default. */
    Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment;
    }

    @Override
    public Deployment deployment(String model) {
        return configure(Deployment.builder(model, provider).upstreamModel(upstreamModel).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(TIMEOUT).options(Map.of())).build();
    }

    @Override
    public boolean nativeResponses() {
        return false;
    }

    static FakeUsage usage(Tokens tokens) {
        return new FakeUsage(tokens.input(), tokens.output());
    }

    @Override
    public void replyText(String text, Tokens tokens) {
        fake.replyText(text, usage(tokens));
    }

    @Override
    public void replyToolCall(String name, String argumentsJson, Tokens tokens) {
        fake.replyToolCalls(List.of(new FakeToolCall(name, argumentsJson)), usage(tokens));
    }

    @Override
    public void streamText(List<String> fragments, Tokens tokens) {
        fake.streamText(fragments, usage(tokens));
    }

    @Override
    public void streamToolCall(String name, String argumentsJson, Tokens tokens) {
        fake.streamToolCalls(List.of(new FakeToolCall(name, argumentsJson)), usage(tokens));
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        fake.streamTextThenError(fragments);
    }

    @Override
    public void replyError(ErrorKind kind) {
        fake.replyError(kind);
    }

    @Override
    public void hang() {
        fake.enqueue(new Reply.Hang());
    }

    @Override
    public List<RecordedRequest> requests() {
        return fake.requests();
    }

    @Override
    public void assertNoViolations() {
        fake.assertNoViolations();
    }

    @Override
    public void close() {
        fake.close();
    }
}
