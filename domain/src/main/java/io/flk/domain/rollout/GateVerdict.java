package io.flk.domain.rollout;

/** A gate's answer at one look; the sequential test keeps PASS and FAIL valid however often it looks. */
public enum GateVerdict {
    PASS,
    FAIL,
    NOT_ENOUGH_DATA
}
