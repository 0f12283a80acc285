package dev.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a model can do: a deployment's word over the price table's, and what a group of deployments shares. */
class ModelInfoTest {

    @Test
    void aDeploymentsOwnWordComesFirstAndTheRestIsFilledIn() {
        ModelInfo configured = new ModelInfo(100, null, true, null, null, null);
        ModelInfo table = new ModelInfo(200, 50, null, null, null, null);
        assertEquals(new ModelInfo(100, 50, true, null, null, null), configured.orElse(table));
    }

    @Test
    void aGroupSharesTheLeastLimitsAndTheCapabilitiesEveryDeploymentHas() {
        ModelInfo a = new ModelInfo(200_000, 64_000, true, true, true, null);
        ModelInfo b = new ModelInfo(128_000, null, true, false, null, null);
        assertEquals(new ModelInfo(128_000, null, true, false, null, null), ModelInfo.shared(List.of(a, b)),
                "an unknown maximum makes the group's unknown; one lacking vision makes the group lack it;"
                        + " reasoning true for one and unknown for the other is unknown");
        assertEquals(a, ModelInfo.shared(List.of(a)));
        assertEquals(ModelInfo.UNKNOWN, ModelInfo.shared(List.of()));
    }

    @Test
    void limitsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(0, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelInfo(null, -1, null, null, null, null));
    }
}
