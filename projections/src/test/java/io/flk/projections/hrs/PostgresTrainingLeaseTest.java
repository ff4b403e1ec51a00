package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_TRAINING_LEASE;
import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PostgresTrainingLeaseTest {

    private static final Duration TTL = Duration.ofMinutes(10);

    private final PostgresTrainingLease lease = new PostgresTrainingLease(TestDatabase.get().dataSource());
    private final TenantId tenant = freshTenant();

    @Test
    void ofTwoHoldersRacingFromTwoThreadsExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                TenantId contested = freshTenant();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> attempts = List.of("instance-a", "instance-b").stream()
                        .map(holder -> threads.submit(() -> {
                            start.await();
                            return lease.tryAcquire(contested, holder, TTL, AT);
                        }))
                        .toList();
                start.countDown();

                assertThat(List.of(attempts.get(0).get(), attempts.get(1).get())).as("round %d", round)
                        .containsExactlyInAnyOrder(true, false);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aHeldLeaseIsRefusedToOthersRenewedForItsHolderAndTakenOverOnceExpired() {
        assertThat(lease.tryAcquire(tenant, "a", TTL, AT)).isTrue();
        assertThat(lease.tryAcquire(tenant, "b", TTL, AT.plus(TTL).minusMillis(1))).isFalse();
        assertThat(lease.tryAcquire(tenant, "a", TTL, AT.plusSeconds(60))).isTrue();
        assertThat(lease.tryAcquire(tenant, "b", TTL, AT.plus(TTL))).isFalse();

        assertThat(lease.tryAcquire(tenant, "b", TTL, AT.plusSeconds(60).plus(TTL))).isTrue();
        assertThat(TestDatabase.get().dsl().fetchValue(HRS_TRAINING_LEASE.HOLDER,
                HRS_TRAINING_LEASE.TENANT_ID.eq(tenant.value()))).isEqualTo("b");
    }

    @Test
    void onlyTheHolderCanRelease() {
        lease.tryAcquire(tenant, "a", TTL, AT);

        lease.release(tenant, "b");
        assertThat(lease.tryAcquire(tenant, "b", TTL, AT)).isFalse();

        lease.release(tenant, "a");
        assertThat(lease.tryAcquire(tenant, "b", TTL, AT)).isTrue();
    }

    @Test
    void leasesOfDifferentTenantsAreIndependent() {
        assertThat(lease.tryAcquire(tenant, "a", TTL, AT)).isTrue();
        assertThat(lease.tryAcquire(freshTenant(), "b", TTL, AT)).isTrue();
    }

    @Test
    void theHolderIsKnownUntilTheLeaseExpiresOrIsReleased() {
        assertThat(lease.holder(tenant, AT)).isEmpty();
        lease.tryAcquire(tenant, "a", TTL, AT);

        assertThat(lease.holder(tenant, AT.plusSeconds(1))).contains("a");
        assertThat(lease.holder(tenant, AT.plus(TTL))).isEmpty();
        lease.release(tenant, "a");
        assertThat(lease.holder(tenant, AT.plusSeconds(1))).isEmpty();
    }
}
