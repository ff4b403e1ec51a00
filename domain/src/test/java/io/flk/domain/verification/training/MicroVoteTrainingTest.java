package io.flk.domain.verification.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.stream.Collectors.toSet;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.SourcePassage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicroVoteTrainingTest {

    /** 120 pairs of the HaluEval train split: both answers of 60 questions. */
    private static final List<LabelledPair> PAIRS = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.TRAIN)
            .subList(0, 120).stream()
            .map(answer -> new LabelledPair(answer.input().prompt(), answer.input().answer(), answer.input().sources(),
                    answer.hallucinated()))
            .toList();

    @Test
    void theSamePairsAndSeedGiveTheSameVersionWhateverTheOrder() {
        List<LabelledPair> shuffled = new ArrayList<>(PAIRS);
        Collections.reverse(shuffled);

        MicroVoteTraining.Report first = MicroVoteTraining.train(PAIRS, 42);
        MicroVoteTraining.Report second = MicroVoteTraining.train(shuffled, 42);

        assertThat(second.model().version()).isEqualTo(first.model().version()).matches("mv-[0-9a-f]{12}");
        assertThat(second.holdoutAuc()).isEqualTo(first.holdoutAuc());
        assertThat(MicroVoteTraining.train(PAIRS, 43).model().version()).isNotEqualTo(first.model().version());
    }

    @Test
    void aboutAFifthOfEachClassIsHeldOutAndTheModelBeatsChanceOnIt() {
        MicroVoteTraining.Report report = MicroVoteTraining.train(PAIRS, 42);

        assertThat(report.rows()).isEqualTo(120);
        assertThat(report.hallucinatedRows()).isEqualTo(60);
        assertThat(report.holdoutRows()).isEqualTo(24);
        // The bundled model reaches 0.99 on HaluEval with 5x the data; 96 training rows still separate well.
        assertThat(report.holdoutAuc()).isGreaterThan(0.8);
        assertThat(report.holdoutAccuracy()).isGreaterThan(0.7);
    }

    @Test
    void bothAnswersOfAQuestionLandOnTheSameSideOfTheHoldout() {
        MicroVoteTraining.Split split = MicroVoteTraining.split(
                PAIRS.stream().map(MicroVoteTraining::labelled).toList());

        Set<String> heldOutQuestions = split.holdout().stream().map(LabelledAnswer::itemId).collect(toSet());
        assertThat(heldOutQuestions).hasSize(12);
        assertThat(split.training()).noneMatch(answer -> heldOutQuestions.contains(answer.itemId()));
    }

    @Test
    void fewerThanTwentyPairsAreRefused() {
        assertThatThrownBy(() -> MicroVoteTraining.validated(PAIRS.subList(0, 19)))
                .isInstanceOfSatisfying(InvalidValue.class, invalid -> assertThat(invalid.field()).isEqualTo("pairs"))
                .hasMessageContaining("at least 20");
    }

    @Test
    void pairsOfASingleClassAreRefused() {
        List<LabelledPair> groundedOnly = PAIRS.stream().filter(pair -> !pair.hallucinated()).toList();

        assertThatThrownBy(() -> MicroVoteTraining.train(groundedOnly, 42))
                .isInstanceOfSatisfying(InvalidValue.class, invalid -> assertThat(invalid.field()).isEqualTo("pairs"))
                .hasMessageContaining("0 hallucinated");
    }

    @Test
    void aBlankAnswerOrTooManySourcesAreRefusedNamingThePair() {
        List<LabelledPair> blank = new ArrayList<>(PAIRS);
        blank.set(3, new LabelledPair("q", " ", PAIRS.get(3).sources(), false));
        List<LabelledPair> tooManySources = new ArrayList<>(PAIRS);
        List<SourcePassage> sources = new ArrayList<>();
        for (int i = 0; i <= MicroVoteTraining.MAX_SOURCES; i++) {
            sources.add(new SourcePassage("s" + i, "passage " + i));
        }
        tooManySources.set(5, new LabelledPair("q", "an answer", sources, true));

        assertThatThrownBy(() -> MicroVoteTraining.validated(blank))
                .isInstanceOfSatisfying(InvalidValue.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("pairs[3].answer"));
        assertThatThrownBy(() -> MicroVoteTraining.validated(tooManySources))
                .isInstanceOfSatisfying(InvalidValue.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("pairs[5].sources"));
    }
}
