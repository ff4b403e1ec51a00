package io.flk.domain.verification;

/** What the control plane answered the data plane. */
public enum Decision {
    PASS,
    ESCALATED
}
