package io.flk.domain.verification;

/** The answer's claim that its sentence number {@code sentence} (0-based) is supported by source {@code sourceId}. */
public record Citation(int sentence, String sourceId) {
}
