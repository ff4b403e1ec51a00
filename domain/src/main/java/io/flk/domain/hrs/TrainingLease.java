package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most one HRS training per tenant at a time across every instance sharing the database: a lease row in
 * PostgreSQL, which expires so that a crashed instance does not block training for ever.
 */
public interface TrainingLease {

    /** @return whether {@code holder} now holds the tenant's lease until {@code now + ttl} */
    boolean tryAcquire(TenantId tenantId, String holder, Duration ttl, Instant now);

    void release(TenantId tenantId, String holder);

    /** Who holds the tenant's lease at {@code now}; empty when nobody does or the lease has expired. */
    Optional<String> holder(TenantId tenantId, Instant now);
}
