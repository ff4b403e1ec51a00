package io.flk.domain.simulation;

import java.time.Instant;

/**
 * One what-if simulation as stored: its request, where it stands and, once completed, its result.
 *
 * @param from            start of the replayed range (inclusive)
 * @param to              end of the replayed range (exclusive)
 * @param cancelRequested its cancellation was asked for: a running run ends CANCELLED at its next row
 * @param result          {@code null} until it completed
 * @param error           why it failed, or {@code null}
 * @param endedAt         {@code null} while running
 */
public record SimulationRun(String id, String tenantId, SimulationStatus status, String requestedBy,
                            Instant requestedAt, Instant from, Instant to, SimulationCandidate candidate,
                            SimulationProgress progress, boolean cancelRequested, SimulationResult result,
                            String error, Instant endedAt) {
}
