package dev.gatehouse.server.config;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.guardrail.webhook.FailurePolicy;
import dev.gatehouse.server.guardrail.webhook.WebhookSettings;
import dev.gatehouse.server.guardrail.webhook.WebhookStage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a guardrail policy's {@code webhook:} entry into {@link WebhookSettings}
 * (docs/guardrails.md, "External guardrails"). The signing secret is a credential reference
 * like every other secret of the file, so it is never written in it unless plaintext
 * credentials are allowed. Each bad value is a problem naming its key.
 */
final class WebhookSection {

    static final List<String> KEYS = List.of("url", "timeout_seconds", "on_failure", "signing_secret",
            "allow_private_network", "stages");

    /** Long enough for a service next to the gateway, short enough not to hold every request up. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private WebhookSection() {}

    /**
     * The webhook {@code at} describes; none for {@code off}; {@code fallback} when absent, and
     * when it has problems (then recorded).
     */
    static Optional<WebhookSettings> read(Located at, Findings findings, Credentials credentials,
            Optional<WebhookSettings> fallback) {
        // YAML 1.1 reads a bare off as false: a model or named policy without the gateway's service.
        if (at.value().isBoolean() && !at.value().booleanValue()
                || at.value().isTextual() && at.value().textValue().equals("off")) {
            return Optional.empty();
        }
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return fallback;
        }
        int problems = findings.problems().size();
        URI url = url(at.get("url"), findings, fields);
        Duration timeout = fields.seconds(at.get("timeout_seconds"), 0, WebhookSettings.MAX_TIMEOUT.toSeconds());
        FailurePolicy onFailure = onFailure(at.get("on_failure"), findings, fields);
        Secret secret = credentials.resolve(at.get("signing_secret"));
        Boolean allowPrivate = fields.bool(at.get("allow_private_network"));
        Set<WebhookStage> stages = stages(at.get("stages"), findings);
        if (findings.problems().size() > problems || url == null) {
            return fallback;
        }
        try {
            return Optional.of(new WebhookSettings(url, timeout == null ? DEFAULT_TIMEOUT : timeout, onFailure,
                    Optional.ofNullable(secret), Boolean.TRUE.equals(allowPrivate), stages));
        } catch (IllegalArgumentException e) {
            // The settings' own checks (https, timeout above 0, secret length) name their key.
            findings.problem(at, e.getMessage());
            return fallback;
        }
    }

    private static URI url(Located at, Findings findings, Fields fields) {
        if (at.isMissing()) {
            findings.problem(at, "is required: the URL the guardrail service listens on");
            return null;
        }
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            findings.problem(at, "is not a URL: " + e.getReason());
            return null;
        }
    }

    private static FailurePolicy onFailure(Located at, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text == null) {
            return FailurePolicy.CLOSED;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> FailurePolicy.OPEN;
            case "closed" -> FailurePolicy.CLOSED;
            default -> {
                findings.problem(at, "must be open or closed");
                yield FailurePolicy.CLOSED;
            }
        };
    }

    /** Input only when absent: asking about answers adds the service's time to every one. */
    private static Set<WebhookStage> stages(Located at, Findings findings) {
        if (at.isMissing()) {
            return Set.of(WebhookStage.INPUT);
        }
        if (!at.value().isArray() || at.value().isEmpty()) {
            findings.problem(at, "must be a list naming input, output or both");
            return Set.of(WebhookStage.INPUT);
        }
        Set<WebhookStage> stages = EnumSet.noneOf(WebhookStage.class);
        for (int i = 0; i < at.value().size(); i++) {
            Located item = at.get(i);
            String name = item.value().asText("");
            java.util.Arrays.stream(WebhookStage.values()).filter(s -> s.wireName().equals(name)).findFirst()
                    .ifPresentOrElse(stages::add, () -> findings.problem(item, "must be input or output"));
        }
        return stages.isEmpty() ? Set.of(WebhookStage.INPUT) : stages;
    }
}
