package io.flk.api.simulation;

import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;

/** A checked request to simulate a candidate over a tenant's range [{@code from}, {@code to}). */
public record SimulationOrder(TenantId tenantId, Instant from, Instant to, SimulationCandidate candidate,
                              String requestedBy) {
}
