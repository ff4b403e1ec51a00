package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_TRAINING_LEASE;

import io.flk.domain.hrs.TrainingLease;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The training lease as one row per tenant. Each call is one statement on a connection of its own (the plain
 * {@link DataSource}, not the transaction-aware one behind the application's {@code DSLContext}): the statement
 * commits at once, so a lease is never held back by a caller's longer transaction, nor rolled back with it.
 */
@Component
public class PostgresTrainingLease implements TrainingLease {

    private final DSLContext dsl;

    public PostgresTrainingLease(DataSource dataSource) {
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /**
     * Inserts the lease, or takes the existing row when it has expired or is already this holder's (a renewal).
     * A concurrent acquirer waits on the row and then re-checks the condition against what committed, so of two
     * racing holders exactly one gets a row back.
     */
    @Override
    public boolean tryAcquire(TenantId tenantId, String holder, Duration ttl, Instant now) {
        OffsetDateTime until = now.plus(ttl).atOffset(ZoneOffset.UTC);
        return dsl.insertInto(HRS_TRAINING_LEASE)
                .set(HRS_TRAINING_LEASE.TENANT_ID, tenantId.value())
                .set(HRS_TRAINING_LEASE.HOLDER, holder)
                .set(HRS_TRAINING_LEASE.EXPIRES_AT, until)
                .onConflict(HRS_TRAINING_LEASE.TENANT_ID)
                .doUpdate()
                .set(HRS_TRAINING_LEASE.HOLDER, holder)
                .set(HRS_TRAINING_LEASE.EXPIRES_AT, until)
                .where(HRS_TRAINING_LEASE.EXPIRES_AT.le(now.atOffset(ZoneOffset.UTC))
                        .or(HRS_TRAINING_LEASE.HOLDER.eq(holder)))
                .returning(HRS_TRAINING_LEASE.TENANT_ID)
                .fetchOptional()
                .isPresent();
    }

    @Override
    public Optional<String> holder(TenantId tenantId, Instant now) {
        return dsl.select(HRS_TRAINING_LEASE.HOLDER).from(HRS_TRAINING_LEASE)
                .where(HRS_TRAINING_LEASE.TENANT_ID.eq(tenantId.value())
                        .and(HRS_TRAINING_LEASE.EXPIRES_AT.gt(now.atOffset(ZoneOffset.UTC))))
                .fetchOptional(HRS_TRAINING_LEASE.HOLDER);
    }

    @Override
    public void release(TenantId tenantId, String holder) {
        dsl.deleteFrom(HRS_TRAINING_LEASE)
                .where(HRS_TRAINING_LEASE.TENANT_ID.eq(tenantId.value()).and(HRS_TRAINING_LEASE.HOLDER.eq(holder)))
                .execute();
    }
}
