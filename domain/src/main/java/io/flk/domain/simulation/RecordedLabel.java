package io.flk.domain.simulation;

import io.flk.domain.escalation.Verdict;

/** The first human label recorded for a task, as a replay sees it. */
public record RecordedLabel(Verdict verdict, double reviewCostUsd) {

    public boolean hallucination() {
        return verdict == Verdict.HALLUCINATION;
    }
}
