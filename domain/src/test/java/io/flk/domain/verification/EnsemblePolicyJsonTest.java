package io.flk.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies travel as JSON in events, read models and HTTP: strategy ids, never enum constant names. */
class EnsemblePolicyJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPolicyRoundTripsWithStrategyIdsAsKeys() throws Exception {
        StrategySettings settings = new StrategySettings(1.5, 0.4, 30, FailureMode.FAIL_OPEN);
        EnsembleRules rules = new EnsembleRules(Map.of(StrategyName.RAG_GROUNDING, settings, StrategyName.HRS, settings),
                2, 0.7);
        EnsemblePolicySpec spec = new EnsemblePolicySpec(rules, rules, 0.1);

        String written = json.writeValueAsString(spec);

        assertThat(written).contains("\"rag-grounding\":{").contains("\"hrs\":{").doesNotContain("RAG_GROUNDING");
        assertThat(json.readValue(written, EnsemblePolicySpec.class)).isEqualTo(spec);
    }
}
