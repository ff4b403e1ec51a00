package io.flk.domain.escalation;

public enum EscalationStatus {
    OPEN,
    ASSIGNED,
    RESOLVED
}
