package dev.gatehouse.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a file in Gatehouse's own format: {@code server}, {@code defaults} and {@code models}. */
final class GatehouseFormat {

    static final List<String> TOP_KEYS = List.of("server", "allow_plaintext_credentials", "defaults", "models",
            "spend", "router", "redis", "limits", "responses", "telemetry", "logging", "metrics", "console",
            "guardrails", "cache", "store", "aliases", "catalog");
    static final List<String> DEFAULTS_KEYS = List.of("drop_params", "timeout_seconds", "total_timeout_seconds",
            "cache");
    static final List<String> MODEL_KEYS =
            Stream.of(Stream.of("name", "deployments", "guardrails", "cache", "allowed_models"), RoutingSection.MODEL_KEYS.stream(),
                    DeploymentInput.KEYS.stream()).flatMap(s -> s).toList();

    private final Findings findings;
    private final Fields fields;
    private final RoutingSection routing;
    private final ModelNamesSection names;

    private GatehouseFormat(Findings findings) {
        this.findings = findings;
        this.fields = new Fields(findings);
        this.routing = new RoutingSection(findings);
        this.names = new ModelNamesSection(findings);
    }

    static Draft read(Located root, Findings findings) {
        return new GatehouseFormat(findings).draft(root);
    }

    private Draft draft(Located root) {
        fields.onlyKeys(root, TOP_KEYS);
        ServerSettings server = ServerSection.read(root.get("server"), findings);
        boolean plaintext = Boolean.TRUE.equals(fields.bool(root.get("allow_plaintext_credentials")));
        routing.readRouter(root.get("router"));
        names.readAliases(root.get("aliases"));
        return new Draft(server, defaults(root.get("defaults"), fields), plaintext, models(root.get("models")),
                SpendSection.read(root.get("spend"), findings), routing, root.get("redis"),
                LimitsSection.read(root.get("limits"), findings), ResponsesSection.read(root.get("responses"), findings),
                names, root);
    }

    static Draft.Defaults defaults(Located at, Fields fields) {
        Draft.Defaults builtIn = Draft.Defaults.BUILT_IN;
        if (!fields.isSection(at, DEFAULTS_KEYS)) {
            return builtIn;
        }
        Boolean dropParams = fields.bool(at.get("drop_params"));
        Duration timeout = fields.seconds(at.get("timeout_seconds"), 1, DeploymentReader.MAX_TIMEOUT_SECONDS);
        Duration total = fields.seconds(at.get("total_timeout_seconds"), 1, DeploymentReader.MAX_TIMEOUT_SECONDS);
        return new Draft.Defaults(dropParams != null ? dropParams : builtIn.dropParams(),
                timeout != null ? timeout : builtIn.timeout(), total != null ? total : builtIn.totalTimeout());
    }

    private List<DeploymentInput> models(Located models) {
        List<DeploymentInput> inputs = new ArrayList<>();
        if (models.isMissing() || (models.value().isArray() && models.value().isEmpty())) {
            findings.warn(models, "no models are configured; every model request will be refused");
            return inputs;
        }
        if (!models.value().isArray()) {
            findings.problem(models, "must be a list of models, each with a name");
            return inputs;
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < models.value().size(); i++) {
            Located model = models.get(i);
            if (!model.value().isObject()) {
                findings.problem(model, "must be a map with a name and its deployments");
                continue;
            }
            fields.onlyKeys(model, MODEL_KEYS);
            String name = Names.check(model.get("name"), findings, fields);
            if (name != null && seen.putIfAbsent(name, model.path()) != null) {
                findings.problem(model.get("name"), "the model '" + name + "' is already defined at "
                        + seen.get(name) + "; list all of its deployments under that one entry");
            }
            if (name != null) {
                routing.readModel(name, model);
                names.readAllowed(name, model.get("allowed_models"));
            }
            deployments(model, name == null ? "" : name, inputs);
        }
        return inputs;
    }

    private void deployments(Located model, String name, List<DeploymentInput> inputs) {
        Located list = model.get("deployments");
        boolean inline = DeploymentInput.KEYS.stream().anyMatch(key -> !model.get(key).value().isMissingNode());
        if (!list.value().isMissingNode() && inline) {
            findings.problem(model, "give either a deployments: list or one deployment's settings inline, not both");
            return;
        }
        if (list.value().isMissingNode()) {
            if (inline) {
                inputs.add(DeploymentInput.of(name, model));
            } else {
                findings.problem(list, "required: a list of deployments, or one deployment's provider: and model:"
                        + " written inline");
            }
            return;
        }
        if (!list.value().isArray() || list.value().isEmpty()) {
            findings.problem(list, "must be a list of at least one deployment");
            return;
        }
        for (int j = 0; j < list.value().size(); j++) {
            Located deployment = list.get(j);
            if (!deployment.value().isObject()) {
                findings.problem(deployment, "must be a map with a provider and a model");
                continue;
            }
            fields.onlyKeys(deployment, DeploymentInput.KEYS);
            inputs.add(DeploymentInput.of(name, deployment));
        }
    }
}
