package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.pii.Placeholders;
import dev.gatehouse.server.audit.AuditEvent;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.guardrail.GuardrailBlocked;
import dev.gatehouse.server.guardrail.GuardrailHit;
import dev.gatehouse.server.guardrail.GuardrailMetrics;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.guardrail.Guardrails;
import dev.gatehouse.server.guardrail.PolicyField;
import dev.gatehouse.server.guardrail.Verdict;
import dev.gatehouse.server.guardrail.webhook.GuardrailWebhook;
import dev.gatehouse.server.guardrail.webhook.WebhookSettings;
import dev.gatehouse.server.guardrail.webhook.WebhookStage;
import dev.gatehouse.server.spend.GuardrailFlag;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The guardrails around the call, on the routes that declare them (docs/guardrails.md): after
 * scope and before admission, the request's texts are checked, and a request that is blocked
 * is a 400 in the route's format that never counts against a limit or reaches a provider; a
 * masked request is read again from its masked body; then the policy's guardrail service, if it
 * has one, is asked about the (masked) texts. After the call, a whole answer's secrets are masked,
 * reversible placeholders put back and the service asked about the answer; a streamed answer goes
 * through a {@link GuardedStream}, which ends it with an error event when a secret would go out
 * (the service is asked about a stream's input only). Every block and mask is an audit event, a
 * metric and a flag on the spend row; none ever holds the text found.
 *
 * <p>The policy is the key's named one, else its team's, else the model's, else the gateway's.
 */
final class Guard implements Stage {

    private static final System.Logger LOG = System.getLogger(Guard.class.getName());

    private final Guardrails defaults;
    private final Map<String, Guardrails> byModel;
    private final Map<String, Guardrails> named;
    private final AuditLog audit;
    private final GuardrailMetrics metrics;
    /** Policy names keys or teams give that the configuration does not have, each warned about once (a few). */
    private final Set<String> unknownNamesSeen = ConcurrentHashMap.newKeySet();

    /** Builds every policy's checks, and its webhook with {@code webhooks}, once, at start. */
    Guard(GuardrailPolicies policies, AuditLog audit, GuardrailMetrics metrics,
            Function<WebhookSettings, GuardrailWebhook> webhooks) {
        this.defaults = Guardrails.from(policies.defaults(), webhooks);
        this.byModel = build(policies.byModel(), webhooks);
        this.named = build(policies.named(), webhooks);
        this.audit = audit;
        this.metrics = metrics;
    }

    private static Map<String, Guardrails> build(Map<String, GuardrailSettings> settings,
            Function<WebhookSettings, GuardrailWebhook> webhooks) {
        Map<String, Guardrails> built = new HashMap<>();
        settings.forEach((name, policy) -> built.put(name, Guardrails.from(policy, webhooks)));
        return Map.copyOf(built);
    }

    @Override
    public void run(ModelCall<?> call) {
        ModelRoute.Guarded guarded = call.route().guarded();
        Guardrails guardrails = policy(call);
        Optional<GuardrailWebhook> webhook = guardrails.webhook();
        if (guarded == ModelRoute.Guarded.NONE || !guardrails.checksInput() && webhook.isEmpty()) {
            call.proceed();
            return;
        }
        Optional<Placeholders> placeholders = input(call, guardrails);
        webhook.ifPresent(w -> inputWebhook(call, w));
        if (guarded == ModelRoute.Guarded.INPUT_AND_OUTPUT && guardrails.masksAnswerSecrets()) {
            // A stored copy keeps its placeholders: personal data masked on the way in never rests in the
            // store, nor goes back to the provider with the next turn.
            call.toKeep(answer -> {
                ObjectNode copy = answer.deepCopy();
                guardrails.checkOutput(copy, Optional.empty());
                return copy;
            });
        }
        call.proceed();
        if (guarded == ModelRoute.Guarded.INPUT_AND_OUTPUT && call.answer() instanceof Answer.Whole whole) {
            List<GuardrailHit> hits = guardrails.checkOutput(whole.body(), placeholders);
            metrics.count(hits, "output");
            List<GuardrailHit> masked = hits.stream().filter(h -> h.action() == Action.MASK).toList();
            record(call, "guardrail.masked", "output", masked);
            flag(call, !masked.isEmpty() ? GuardrailFlag.MASKED : hits.isEmpty() ? null : GuardrailFlag.LOGGED);
            webhook.ifPresent(w -> outputWebhook(call, w, whole));
        } else if (guarded == ModelRoute.Guarded.INPUT_AND_OUTPUT
                && call.answer() instanceof Answer.Streamed<?> streamed) {
            streamed(call, streamed, guardrails, placeholders);
        }
    }

    /**
     * The policy a request is checked with: the key's named policy, else its team's, else the
     * model's, else the gateway's. A name the configuration no longer has (a policy removed while
     * keys still named it) is passed over to the next, with a warning, rather than refusing the key.
     */
    private Guardrails policy(ModelCall<?> call) {
        Caller caller = call.caller();
        if (caller != null) {
            for (Optional<String> name : List.of(PolicyField.of(caller.key().metadata()),
                    caller.team().flatMap(t -> PolicyField.of(t.metadata())))) {
                if (name.isPresent()) {
                    Guardrails policy = named.get(name.get());
                    if (policy != null) {
                        return policy;
                    }
                    warnUnknown(name.get(), caller.keyId());
                }
            }
        }
        return byModel.getOrDefault(call.model(), defaults);
    }

    /** Once per name, for the first hundred names: enough to see the mistake, never a flood. */
    private void warnUnknown(String name, String keyId) {
        if (unknownNamesSeen.size() < 100 && unknownNamesSeen.add(name)) {
            String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            LOG.log(System.Logger.Level.WARNING, "key " + keyId + " (or its team) names the guardrail policy '"
                    + shown + "', which the configuration does not have; its requests are checked with the next"
                    + " policy in order (team, model, gateway)");
        }
    }

    /**
     * A streamed answer, checked as it passes (docs/guardrails.md, "Streams"): a secret cuts the
     * stream when the secrets policy blocks or masks (a stream can not be masked after the fact:
     * what went out is gone) and is counted when it logs; placeholders are put back. A stream whose
     * events say nothing of their text ({@link SseEncoder#texts()}) goes on unchecked.
     */
    private <T> void streamed(ModelCall<?> call, Answer.Streamed<T> streamed, Guardrails guardrails,
            Optional<Placeholders> placeholders) {
        StreamTexts<T> texts = streamed.encoder().texts();
        Detector detector = guardrails.answerSecrets();
        if (texts == null || (detector == null && placeholders.isEmpty())) {
            return;
        }
        Action action = guardrails.settings().secrets().action();
        GuardedStream.Check check = new GuardedStream.Check(detector, action == Action.BLOCK || action == Action.MASK,
                placeholders.orElse(null));
        call.answer(Answer.stream(new GuardedStream<>(streamed.events(), texts, check, new GuardedStream.Findings() {
            @Override
            public GatewayException tripped(List<Finding> findings) {
                List<GuardrailHit> hits = streamHits(findings, Action.BLOCK);
                metrics.count(hits, "output");
                record(call, "guardrail.blocked", "output", hits);
                flag(call, GuardrailFlag.BLOCKED);
                return GuardrailBlocked.answerCut(hits.stream().map(GuardrailHit::kind).toList());
            }

            @Override
            public void logged(List<Finding> findings) {
                metrics.count(streamHits(findings, Action.LOG), "output");
                flag(call, findings.isEmpty() ? null : GuardrailFlag.LOGGED);
            }
        }, streamed.encoder()::unsent), streamed.encoder()));
    }

    /** A stream's findings as hits: a finding in a stream has no JSON path, so it is named {@code stream}. */
    private static List<GuardrailHit> streamHits(List<Finding> findings, Action action) {
        return findings.stream().map(f -> new GuardrailHit("stream", f.kind(), f.category(), action)).toList();
    }

    private Optional<Placeholders> input(ModelCall<?> call, Guardrails guardrails) {
        Verdict verdict = guardrails.checkInput(call.incoming().json());
        metrics.count(verdict.hits(), "input");
        return switch (verdict) {
            case Verdict.Blocked blocked -> {
                record(call, "guardrail.blocked", "input",
                        blocked.hits().stream().filter(h -> h.action() == Action.BLOCK).toList());
                flag(call, GuardrailFlag.BLOCKED);
                throw blocked.error();
            }
            case Verdict.Passed passed -> {
                if (passed.masked()) {
                    record(call, "guardrail.masked", "input", passed.hits().stream()
                            .filter(h -> h.action() == Action.MASK || h.action() == Action.REVERSIBLE).toList());
                    flag(call, GuardrailFlag.MASKED);
                    // Readers are pure functions of the JSON: the masked body gives the masked request.
                    ReadRequest.read(call);
                } else if (!passed.hits().isEmpty()) {
                    flag(call, GuardrailFlag.LOGGED);
                }
                yield passed.placeholders();
            }
        };
    }

    /** The service sees the request as the provider would: after the built-in checks and their masking. */
    private void inputWebhook(ModelCall<?> call, GuardrailWebhook webhook) {
        switch (GuardWebhook.ask(webhook, WebhookStage.INPUT, call, call.incoming().json())) {
            case GuardWebhook.Decision.Block block -> {
                record(call, "guardrail.blocked", "input", Set.of("webhook"), Set.of());
                flag(call, GuardrailFlag.BLOCKED);
                throw GuardrailBlocked.byService(block.reason(), false);
            }
            case GuardWebhook.Decision.Pass pass -> {
                if (!pass.replaced().isEmpty()) {
                    record(call, "guardrail.masked", "input", Set.of("webhook"), pass.replaced());
                    flag(call, GuardrailFlag.MASKED);
                    ReadRequest.read(call);
                }
            }
        }
    }

    /**
     * The service sees the whole answer after the built-in output check. A block withholds it:
     * the caller gets the error instead, and the answer is still charged (the model made it).
     */
    private void outputWebhook(ModelCall<?> call, GuardrailWebhook webhook, Answer.Whole whole) {
        switch (GuardWebhook.ask(webhook, WebhookStage.OUTPUT, call, whole.body())) {
            case GuardWebhook.Decision.Block block -> {
                record(call, "guardrail.blocked", "output", Set.of("webhook"), Set.of());
                flag(call, GuardrailFlag.BLOCKED);
                if (call.ticket() != null) {
                    whole.spent().accept(call.ticket());
                }
                throw GuardrailBlocked.byService(block.reason(), true);
            }
            case GuardWebhook.Decision.Pass pass -> {
                if (!pass.replaced().isEmpty()) {
                    record(call, "guardrail.masked", "output", Set.of("webhook"), pass.replaced());
                    flag(call, GuardrailFlag.MASKED);
                }
            }
        }
    }

    /** The spend row keeps the strongest action taken on the request. */
    private static void flag(ModelCall<?> call, GuardrailFlag flag) {
        if (flag != null && call.ticket() != null) {
            call.ticket().guardrail(flag);
        }
    }

    /** An audit event naming kinds and paths, never the text; none when nothing was done. */
    private void record(ModelCall<?> call, String action, String stage, List<GuardrailHit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        hits.forEach(h -> {
            kinds.add(h.kind());
            paths.add(h.path());
        });
        record(call, action, stage, kinds, paths);
    }

    private void record(ModelCall<?> call, String action, String stage, Collection<String> kinds,
            Collection<String> paths) {
        if (audit == null) {
            return;
        }
        Caller caller = call.caller();
        String actor = caller == null ? "gatehouse" : "key:" + caller.keyId();
        Map<String, String> details = new TreeMap<>();
        details.put("stage", stage);
        details.put("route", call.route().name());
        details.put("model", String.valueOf(call.model()));
        details.put("kinds", String.join(",", kinds));
        details.put("paths", String.join(",", paths));
        details.put("request_id", call.requestId());
        if (caller != null) {
            caller.team().map(Team::id).ifPresent(team -> details.put("team", team));
        }
        audit.record(new AuditEvent(actor, action, actor, RequestAccess.client(call.incoming().request())
                .getHostAddress(), details));
    }
}
