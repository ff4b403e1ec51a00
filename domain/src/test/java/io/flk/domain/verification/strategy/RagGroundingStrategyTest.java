package io.flk.domain.verification.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Citation;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.VerificationInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RagGroundingStrategyTest {

    private static final List<SourcePassage> SOURCES = List.of(
            new SourcePassage("s1", "Arthur's Magazine was an American literary periodical published in Philadelphia."),
            new SourcePassage("s2", "First for Women is a woman's magazine published by Bauer Media Group in the USA."));

    private final RagGroundingStrategy strategy = new RagGroundingStrategy();

    @Test
    void anAnswerCopiedFromItsSourcesScoresOne() {
        StrategyOutcome outcome = strategy.evaluate(input(
                "Arthur's Magazine was an American literary periodical published in Philadelphia. "
                        + "First for Women is a woman's magazine published by Bauer Media Group.", List.of()));

        assertThat(outcome.score()).isEqualTo(1.0);
        assertThat(outcome.modelVersion()).isNull();
    }

    @Test
    void anUnrelatedAnswerScoresZero() {
        StrategyOutcome outcome = strategy.evaluate(input(
                "The mitochondria is the powerhouse of the cell. Volcanoes erupt when magma rises.", List.of()));

        assertThat(outcome.score()).isZero();
    }

    @Test
    void theScoreIsTheShareOfSupportedSentences() {
        StrategyOutcome outcome = strategy.evaluate(input(
                "Arthur's Magazine was an American literary periodical published in Philadelphia. "
                        + "It was founded on the moon by seven dolphins.", List.of()));

        assertThat(outcome.score()).isEqualTo(0.5);
    }

    @Test
    void aDanglingCitationMakesAnOtherwiseSupportedSentenceUnsupported() {
        String answer = "Arthur's Magazine was an American literary periodical published in Philadelphia.";

        assertThat(strategy.evaluate(input(answer, List.of(new Citation(0, "s1")))).score()).isEqualTo(1.0);
        assertThat(strategy.evaluate(input(answer, List.of(new Citation(0, "s9")))).score()).isZero();
    }

    @Test
    void citingAPassageThatDoesNotSupportTheSentenceCountsAgainstIt() {
        String answer = "Arthur's Magazine was an American literary periodical published in Philadelphia.";

        assertThat(strategy.evaluate(input(answer, List.of(new Citation(0, "s2")))).score()).isZero();
    }

    @Test
    void citingASentenceTheAnswerDoesNotHaveIsOneMoreUnsupportedClaim() {
        String answer = "Arthur's Magazine was an American literary periodical published in Philadelphia.";

        assertThat(strategy.evaluate(input(answer, List.of(new Citation(3, "s1")))).score()).isEqualTo(0.5);
    }

    @Test
    void theShingleSizeDecidesWhetherReorderedWordsStillCountAsSupport() {
        String reordered = "Philadelphia published periodical literary American an was Magazine Arthur's.";

        assertThat(new RagGroundingStrategy(new RagGroundingSettings(1, 0.5, 0.7)).evaluate(input(reordered, List.of()))
                .score()).isEqualTo(1.0);
        assertThat(new RagGroundingStrategy(new RagGroundingSettings(2, 0.5, 0.7)).evaluate(input(reordered, List.of()))
                .score()).isZero();
    }

    @Test
    void aSentenceShorterThanTheShingleIsComparedByItsOwnLength() {
        assertThat(strategy.evaluate(input("Philadelphia.", List.of())).score()).isEqualTo(1.0);
        assertThat(strategy.evaluate(input("Mumbai.", List.of())).score()).isZero();
    }

    @Test
    void anAnswerWithoutWordsIsNotGrounded() {
        assertThat(strategy.evaluate(input("?!...", List.of())).score()).isZero();
    }

    @Test
    void costUnitsAreTheTokensReadPerThousand() {
        StrategyOutcome outcome = strategy.evaluate(input("Philadelphia.", List.of()));

        int sourceTokens = 11 + 16;
        assertThat(outcome.costUnits()).isEqualTo((1 + sourceTokens) / 1000.0);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5, 0.5, shingleSize", "9, 0.5, 0.5, shingleSize", "2, 0, 0.5, minJaccard",
            "2, 1.5, 0.5, minJaccard", "2, NaN, 0.5, minJaccard", "2, 0.5, 0, minContainment",
            "2, 0.5, -0.1, minContainment", "2, 0.5, Infinity, minContainment"})
    void settingsOutsideTheirRangeAreRejected(int k, double jaccard, double containment, String field) {
        assertThatThrownBy(() -> new RagGroundingSettings(k, jaccard, containment))
                .isInstanceOf(InvalidValue.class)
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo(field);
    }

    private static VerificationInput input(String answer, List<Citation> citations) {
        return new VerificationInput(TenantId.of("acme"), "t-1", "Which magazine was started first?", answer,
                SOURCES, citations, Map.of());
    }
}
