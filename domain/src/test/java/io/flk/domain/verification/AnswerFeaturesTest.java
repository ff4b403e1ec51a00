package io.flk.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AnswerFeaturesTest {

    private static final TenantId TENANT = TenantId.of("acme");

    @Test
    void everyTextFeatureIsPresentUnderItsStableName() {
        SortedMap<String, Double> features = AnswerFeatures.extract(input("Delhi", List.of("Head office in Delhi.")));

        assertThat(features.keySet()).containsExactlyElementsOf(AnswerFeatures.TEXT_FEATURES);
    }

    @Test
    void featuresAreFiniteWithoutSourcesPromptOrWords() {
        VerificationInput input = new VerificationInput(TENANT, "t", null, "", List.of(), null, null);

        assertThat(AnswerFeatures.extract(input).values()).allMatch(Double::isFinite);
    }

    @Test
    void featuresAreFiniteOnHugeNumbersUnicodeAndAMebibyteOfText() {
        String huge = "9".repeat(400) + " 1e308 -1.7976931348623157E308 ";
        String unicode = "Ünïcødé 東京 は 首都 です。 مرحبا بالعالم 😀🚀 \u0000 \uFEFF \u202E ";
        String mebibyte = "word Other 12 not ".repeat(60_000);

        for (String answer : List.of(huge, unicode, mebibyte, huge + unicode)) {
            SortedMap<String, Double> features = AnswerFeatures.extract(input(answer, List.of(unicode, huge)));
            assertThat(features.values()).allMatch(Double::isFinite);
        }
    }

    @Property(tries = 200)
    void everyFeatureIsFiniteForAnyText(@ForAll("texts") String answer, @ForAll("texts") String source,
                                        @ForAll("texts") String prompt) {
        VerificationInput input = new VerificationInput(TENANT, "t", prompt, answer,
                List.of(new SourcePassage("s1", source), new SourcePassage("s1", "")),
                List.of(new Citation(-1, "s1"), new Citation(0, null)), Map.of());

        assertThat(AnswerFeatures.extract(input).values()).allMatch(Double::isFinite);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("aZ9 .!?',\n\u00e9\u6771").ofMaxLength(200),
                Arbitraries.strings().all().ofMaxLength(50));
    }

    @Test
    void clientFeaturesAreCopiedUnderThePrefixAndNonFiniteOnesDropped() {
        Map<String, Double> client = new HashMap<>();
        client.put("latency_ms", 120.0);
        client.put("bad", Double.NaN);
        client.put("worse", Double.POSITIVE_INFINITY);
        VerificationInput input = new VerificationInput(TENANT, "t", "q", "a", List.of(), List.of(), client);

        SortedMap<String, Double> features = AnswerFeatures.extract(input);

        assertThat(features).containsEntry("client.latency_ms", 120.0)
                .doesNotContainKeys("client.bad", "client.worse");
    }

    @Test
    void aNumberTheSourcesDoNotHaveIsMissing() {
        assertThat(AnswerFeatures.extract(input("He was born in 1921.", List.of("He was born in 1912.")))
                .get(AnswerFeatures.NUMBER_MISSING_SHARE)).isEqualTo(1.0);
        assertThat(AnswerFeatures.extract(input("He was born in 1912.", List.of("He was born in 1912.")))
                .get(AnswerFeatures.NUMBER_MISSING_SHARE)).isZero();
    }

    @Test
    void anEntityTheSourcesDoNotNameIsMissingAndItsWordsAreNovel() {
        SortedMap<String, Double> features = AnswerFeatures.extract(
                input("Mumbai", List.of("The Oberoi Group has its head office in Delhi.")));

        assertThat(features.get(AnswerFeatures.ENTITY_MISSING_SHARE)).isEqualTo(1.0);
        assertThat(features.get(AnswerFeatures.NOVEL_TOKEN_RATIO)).isEqualTo(1.0);
        assertThat(features.get(AnswerFeatures.TOKEN_CONTAINMENT)).isZero();
    }

    @Test
    void aNegatedRestatementOfItsBestPassageIsAMismatch() {
        List<String> sources = List.of("The bridge was completed in 1932.", "Tolls were never charged.");

        assertThat(AnswerFeatures.extract(input("The bridge was not completed in 1932.", sources))
                .get(AnswerFeatures.NEGATION_MISMATCH)).isEqualTo(1.0);
        assertThat(AnswerFeatures.extract(input("The bridge was completed in 1932.", sources))
                .get(AnswerFeatures.NEGATION_MISMATCH)).isZero();
    }

    @Test
    void citationsOfUnknownSourcesOrSentencesAreInvalid() {
        VerificationInput input = new VerificationInput(TENANT, "t", "q", "One. Two.",
                List.of(new SourcePassage("s1", "One.")),
                List.of(new Citation(0, "s1"), new Citation(1, "s2"), new Citation(2, "s1"), new Citation(1, "s1")),
                Map.of());

        SortedMap<String, Double> features = AnswerFeatures.extract(input);

        assertThat(features.get(AnswerFeatures.CITATIONS_COUNT)).isEqualTo(4.0);
        assertThat(features.get(AnswerFeatures.CITATIONS_INVALID_SHARE)).isEqualTo(0.5);
    }

    private static VerificationInput input(String answer, List<String> sources) {
        List<SourcePassage> passages = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            passages.add(new SourcePassage("s" + (i + 1), sources.get(i)));
        }
        return new VerificationInput(TENANT, "t", "Where is the head office?", answer, passages, List.of(), Map.of());
    }
}
