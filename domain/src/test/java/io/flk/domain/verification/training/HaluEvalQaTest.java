package io.flk.domain.verification.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.verification.SourcePassage;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HaluEvalQaTest {

    private static final List<LabelledAnswer> BUNDLED = HaluEvalQa.bundled();

    @Test
    void theBundledFileGivesOneGroundedAndOneHallucinatedAnswerPerItem() {
        assertThat(BUNDLED).hasSize(1000);
        Map<String, List<LabelledAnswer>> byItem = BUNDLED.stream()
                .collect(Collectors.groupingBy(LabelledAnswer::itemId));
        assertThat(byItem).hasSize(500);
        assertThat(byItem.values()).allSatisfy(pair -> {
            assertThat(pair).extracting(LabelledAnswer::hallucinated).containsExactly(false, true);
            assertThat(pair.get(0).input().sources()).isEqualTo(pair.get(1).input().sources());
            assertThat(pair.get(0).input().prompt()).isEqualTo(pair.get(1).input().prompt()).isNotBlank();
        });
    }

    @Test
    void theFirstItemIsParsedIntoItsTwoGluedPassages() {
        LabelledAnswer grounded = BUNDLED.get(0);

        assertThat(grounded.itemId()).isEqualTo("qa-1");
        assertThat(grounded.input().answer()).isEqualTo("Arthur's Magazine");
        assertThat(BUNDLED.get(1).input().answer()).isEqualTo("First for Women was started first.");
        assertThat(grounded.input().sources()).extracting(SourcePassage::id).containsExactly("s1", "s2");
        assertThat(grounded.input().sources().get(0).text()).endsWith("in the 19th century.");
        assertThat(grounded.input().sources().get(1).text()).startsWith("First for Women is");
    }

    @Test
    void passagesAreCutAtSentenceEndsButNotAtInitials() {
        assertThat(HaluEvalQa.passages("J. K. Rowling wrote it in the U.S. in 1997. It sold well.First came next."))
                .extracting(SourcePassage::text)
                .containsExactly("J. K. Rowling wrote it in the U.S. in 1997.", "It sold well.", "First came next.");
    }

    @Test
    void theSplitIsAboutSixtyTwentyTwentyAndKeepsBothAnswersOfAnItemTogether() {
        Map<DatasetSplit, Long> items = BUNDLED.stream().map(LabelledAnswer::itemId).distinct()
                .collect(Collectors.groupingBy(DatasetSplit::of, Collectors.counting()));

        assertThat(items.get(DatasetSplit.TRAIN)).isBetween(270L, 330L);
        assertThat(items.get(DatasetSplit.CALIBRATION)).isBetween(80L, 120L);
        assertThat(items.get(DatasetSplit.EVALUATION)).isBetween(80L, 120L);
        Map<String, DatasetSplit> splitOfItem = BUNDLED.stream().map(LabelledAnswer::itemId).distinct()
                .collect(Collectors.toMap(Function.identity(), DatasetSplit::of));
        for (DatasetSplit split : DatasetSplit.values()) {
            assertThat(HaluEvalQa.split(BUNDLED, split)).allMatch(answer -> splitOfItem.get(answer.itemId()) == split);
        }
    }

    @Test
    void aMalformedLineIsRejectedWithItsNumber() {
        String file = """
                {"knowledge": "K.", "question": "Q?", "right_answer": "A", "hallucinated_answer": "B"}
                {"knowledge": "K.", "question": "Q?", "right_answer": "A"}
                """;

        assertThatThrownBy(() -> HaluEvalQa.parse(new StringReader(file)))
                .hasMessageContaining("line 2").hasMessageContaining("hallucinated_answer");
        assertThatThrownBy(() -> HaluEvalQa.parse(new StringReader("{not json")))
                .hasMessageContaining("line 1");
    }
}
