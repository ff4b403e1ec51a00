package io.flk.projections.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskLabelIndexTest {

    @Test
    void keepsTheFirstLabelOfATaskAndItsDisagreement() {
        TaskLabelIndex index = new TaskLabelIndex(10);

        index.label("task:acme:t1", Verdict.HALLUCINATION, 2.0);
        index.label("task:acme:t1", Verdict.GROUNDED, 3.0);
        index.disagreed("task:acme:t1");
        index.disagreed("task:acme:t2");

        int first = index.find("task:acme:t1");
        int second = index.find("task:acme:t2");
        assertThat(index.labelAt(first)).isEqualTo(new RecordedLabel(Verdict.HALLUCINATION, 2.0));
        assertThat(index.disagreedAt(first)).isTrue();
        assertThat(index.labelAt(second)).isNull();
        assertThat(index.disagreedAt(second)).isTrue();
        assertThat(index.find("task:acme:t3")).isEqualTo(-1);
        assertThat(index.labelAt(-1)).isNull();
        assertThat(index.disagreedAt(-1)).isFalse();
        assertThat(index.labels()).isEqualTo(1);
        assertThat(index.reviewCostUsd()).isEqualTo(2.0);
    }

    @Test
    void growingKeepsEveryTaskAndItsLabel() {
        TaskLabelIndex index = new TaskLabelIndex(100_000);
        Verdict[] verdicts = Verdict.values();
        for (int i = 0; i < 50_000; i++) {
            index.label("task:acme:t-" + i, verdicts[i % verdicts.length], i);
        }

        for (int i = 0; i < 50_000; i++) {
            assertThat(index.labelAt(index.find("task:acme:t-" + i)))
                    .isEqualTo(new RecordedLabel(verdicts[i % verdicts.length], i));
        }
        assertThat(index.size()).isEqualTo(50_000);
    }

    @Test
    void growingWhileMarkingDisagreementsKeepsEveryMark() {
        TaskLabelIndex index = new TaskLabelIndex(100_000);
        for (int i = 0; i < 50_000; i++) {
            index.disagreed("task:acme:t-" + i);
        }

        for (int i = 0; i < 50_000; i++) {
            assertThat(index.disagreedAt(index.find("task:acme:t-" + i))).as("task %d", i).isTrue();
        }
    }

    @Test
    void refusesOneTaskMoreThanItsLimit() {
        TaskLabelIndex index = new TaskLabelIndex(2);
        index.label("task:acme:t1", Verdict.GROUNDED, 1);
        index.disagreed("task:acme:t2");
        index.label("task:acme:t2", Verdict.GROUNDED, 1);

        assertThatThrownBy(() -> index.disagreed("task:acme:t3")).isInstanceOf(ReplayTooLarge.class);
    }

    @Test
    void similarIdsGetDistinctKeys() {
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            keys.add(TaskLabelIndex.key("task:acme:t-" + i));
        }

        assertThat(keys).hasSize(200_000).doesNotContain(0L);
    }
}
