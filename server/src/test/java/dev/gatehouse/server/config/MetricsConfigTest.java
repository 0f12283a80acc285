package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.server.metrics.MetricsSettings;
import org.junit.jupiter.api.Test;

/** The {@code metrics:} section: per-key labels (off by default) and the bound on a label's values. */
class MetricsConfigTest {

    @Test
    void perKeyLabelsAreOffAndALabelTakesAHundredValuesByDefault() {
        assertEquals(MetricsSettings.DEFAULTS, loadOk("models: []\n").config().observability().metrics());
        assertEquals(new MetricsSettings(false, 100), MetricsSettings.DEFAULTS);
        assertEquals(MetricsSettings.DEFAULTS, loadOk("metrics: {}\nmodels: []\n").config().observability().metrics());
        assertEquals(MetricsSettings.DEFAULTS,
                Configs.loader().parse("model_list: []\n", "litellm.yaml").config().observability().metrics(),
                "a LiteLLM file without the section gets the defaults");
    }

    @Test
    void bothSettingsAreRead() {
        assertEquals(new MetricsSettings(true, 25), loadOk("""
                metrics:
                  per_key_labels: true
                  max_label_values: 25
                models: []
                """).config().observability().metrics());
        assertEquals(new MetricsSettings(true, 100), Configs.loader().parse("""
                model_list: []
                metrics:
                  per_key_labels: true
                """, "litellm.yaml").config().observability().metrics(), "a LiteLLM file reads the section too");
    }

    @Test
    void aWrongSettingIsAProblemAtItsLine() {
        assertProblem(load("models: []\nmetrics:\n  per_key_labels: yes please\n"),
                "metrics.per_key_labels (line 3)", "must be true or false");
        assertProblem(load("models: []\nmetrics:\n  max_label_values: 0\n"),
                "metrics.max_label_values (line 3)", "must be a whole number from 1 to 100000");
        assertProblem(load("models: []\nmetrics:\n  max_label_values: 100001\n"),
                "metrics.max_label_values (line 3)", "must be a whole number from 1 to 100000");
        assertProblem(load("models: []\nmetrics:\n  max_label_values: \"10\"\n"),
                "metrics.max_label_values (line 3)", "must be a whole number");
        assertProblem(load("models: []\nmetrics:\n  per_key_label: true\n"),
                "metrics.per_key_label (line 3)", "did you mean 'per_key_labels'?");
        assertProblem(load("models: []\nmetrics: [per_key_labels]\n"), "metrics (line 2)",
                "must be a map of keys and values");
    }
}
