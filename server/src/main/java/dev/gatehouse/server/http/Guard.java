package dev.gatehouse.server.http;

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
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.guardrail.Guardrails;
import dev.gatehouse.server.guardrail.Verdict;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The guardrails around the call, on the routes that declare them (docs/guardrails.md): after
 * scope and before admission, the request's texts are checked, and a request that is blocked
 * is a 400 in the route's format that never counts against a limit or reaches a provider; a
 * masked request is read again from its masked body. After the call, a whole answer's secrets
 * are masked and reversible placeholders put back; a streamed answer goes through a
 * {@link GuardedStream}, which ends it with an error event when a secret would go out. Every
 * block and mask is an audit event and every finding a metric; neither ever holds the text found.
 */
final class Guard implements Stage {

    private final Guardrails defaults;
    private final Map<String, Guardrails> byModel;
    private final AuditLog audit;
    private final GuardrailMetrics metrics;

    /** Builds every policy's checks once, at start. */
    Guard(GuardrailPolicies policies, AuditLog audit, GuardrailMetrics metrics) {
        this.defaults = Guardrails.from(policies.defaults());
        Map<String, Guardrails> models = new HashMap<>();
        policies.byModel().forEach((model, settings) -> models.put(model, Guardrails.from(settings)));
        this.byModel = Map.copyOf(models);
        this.audit = audit;
        this.metrics = metrics;
    }

    @Override
    public void run(ModelCall<?> call) {
        ModelRoute.Guarded guarded = call.route().guarded();
        Guardrails guardrails = byModel.getOrDefault(call.model(), defaults);
        if (guarded == ModelRoute.Guarded.NONE || !guardrails.checksInput()) {
            call.proceed();
            return;
        }
        Optional<Placeholders> placeholders = input(call, guardrails);
        call.proceed();
        if (guarded == ModelRoute.Guarded.INPUT_AND_OUTPUT && call.answer() instanceof Answer.Whole whole) {
            List<GuardrailHit> hits = guardrails.checkOutput(whole.body(), placeholders);
            metrics.count(hits, "output");
            record(call, "guardrail.masked", "output", hits.stream().filter(h -> h.action() == Action.MASK).toList());
        } else if (guarded == ModelRoute.Guarded.INPUT_AND_OUTPUT && call.answer() instanceof Answer.Streamed<?> streamed) {
            streamed(call, streamed, guardrails, placeholders);
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
                return GuardrailBlocked.answerCut(hits.stream().map(GuardrailHit::kind).toList());
            }

            @Override
            public void logged(List<Finding> findings) {
                metrics.count(streamHits(findings, Action.LOG), "output");
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
                throw blocked.error();
            }
            case Verdict.Passed passed -> {
                if (passed.masked()) {
                    record(call, "guardrail.masked", "input", passed.hits().stream()
                            .filter(h -> h.action() == Action.MASK || h.action() == Action.REVERSIBLE).toList());
                    // Readers are pure functions of the JSON: the masked body gives the masked request.
                    ReadRequest.read(call);
                }
                yield passed.placeholders();
            }
        };
    }

    /** An audit event naming kinds and paths, never the text; none when nothing was done. */
    private void record(ModelCall<?> call, String action, String stage, List<GuardrailHit> hits) {
        if (hits.isEmpty() || audit == null) {
            return;
        }
        Caller caller = call.caller();
        String actor = caller == null ? "gatehouse" : "key:" + caller.keyId();
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        hits.forEach(h -> {
            kinds.add(h.kind());
            paths.add(h.path());
        });
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
