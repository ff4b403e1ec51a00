package io.flk.api.hrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    @Test
    void theCardJudgesTheVersionAgainstTheGatesWithItsNumbersAndTheBar() {
        ModelCard card = ModelCard.of(ModelCards.version("trainer", 0.81, 0.07), null, EligibilityGates.defaults());

        assertThat(card.eligibility()).isEqualTo(new ModelCard.Eligibility(false, 0.81, 0.85, 0.07, 0.05));
        assertThat(card.onlinePerformance()).isNull();
    }

    @Test
    void theCardCarriesProvenanceProofOnlinePerformanceAndItsFixedUseAndLimits() {
        HrsModelVersionView view = ModelCards.version("trainer", 0.91, 0.03);
        HrsVersionPerformance online = new HrsVersionPerformance("2026-11-27.1", 5200, 0, 310, 41, 0.89);

        ModelCard card = ModelCard.of(view, online, EligibilityGates.defaults());

        assertThat(card.eligibility().eligible()).isTrue();
        assertThat(card.onlinePerformance()).isEqualTo(online);
        assertThat(card.data()).isEqualTo(new ModelCard.DataProvenance(view.model().windowFrom(),
                view.model().windowTo(), 42, 1400, 300, 400, "d".repeat(64)));
        assertThat(card.artifact()).isEqualTo(new ModelCard.ArtifactProof("a".repeat(64), "c2lnbmF0dXJl",
                "b".repeat(64)));
        assertThat(card.candidates()).hasSize(2);
        assertThat(card.intendedUse()).contains("calibrated probability", "PI-safe", "one vote");
        assertThat(card.limitations()).hasSize(4).anySatisfy(limit -> assertThat(limit).contains("biased"));
    }
}
