package io.flk.domain.simulation;

import io.flk.domain.verification.StrategyName;
import java.util.Set;

/** One recorded task replayed under a candidate: re-decided, or left out with the reason. */
public sealed interface TaskReplay {

    RecordedTask task();

    /**
     * The task as it really went and as the candidate would have decided it.
     *
     * @param actual    the recorded decision, latency and costs
     * @param simulated the candidate's decision with its simulated latency and costs
     */
    record Simulated(RecordedTask task, TaskOutcome actual, TaskOutcome simulated) implements TaskReplay {

        public boolean flipped() {
            return actual.decision() != simulated.decision();
        }

        /** Its human label: {@code null} while unlabelled. */
        public Boolean labelledHallucination() {
            return task.label() == null ? null : task.label().hallucination();
        }
    }

    /** A strategy the candidate runs has no recorded score for this task: nothing can be said of it. */
    record MissingScores(RecordedTask task, Set<StrategyName> missing) implements TaskReplay {

        public MissingScores {
            missing = Set.copyOf(missing);
        }
    }

    /** The budget hard cap escalated the task without running any strategy: no policy had a say. */
    record HardCapped(RecordedTask task) implements TaskReplay {
    }
}
