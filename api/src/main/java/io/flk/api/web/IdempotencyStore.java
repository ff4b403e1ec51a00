package io.flk.api.web;

import static io.flk.db.Tables.IDEMPOTENT_REQUEST;

import io.flk.db.tables.records.IdempotentRequestRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The first answer to each (principal, Idempotency-Key). A row is claimed before the command runs, so a
 * concurrent retry sees "in progress" rather than running the command a second time.
 */
@Component
public class IdempotencyStore {

    /** A stored answer to replay. */
    public record StoredAnswer(String requestHash, Integer status, String contentType, String etag, String location,
                               byte[] body) {

        boolean inProgress() {
            return status == null;
        }
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyStore(DSLContext dsl, Clock clock,
                            @Value("${flk.api.idempotency-retention:P1D}") Duration retention) {
        this.dsl = dsl;
        this.clock = clock;
        this.retention = retention;
    }

    /** Claims the key; empty when claimed now, else what an earlier request with the same key left. */
    public Optional<StoredAnswer> claim(String principal, String key, String requestHash, String method, String path) {
        int inserted = dsl.insertInto(IDEMPOTENT_REQUEST)
                .set(IDEMPOTENT_REQUEST.PRINCIPAL, principal)
                .set(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY, key)
                .set(IDEMPOTENT_REQUEST.REQUEST_HASH, requestHash)
                .set(IDEMPOTENT_REQUEST.METHOD, method)
                .set(IDEMPOTENT_REQUEST.PATH, path)
                .set(IDEMPOTENT_REQUEST.CREATED_AT, OffsetDateTime.now(clock))
                .onConflictDoNothing()
                .execute();
        if (inserted == 1) {
            return Optional.empty();
        }
        IdempotentRequestRecord row = dsl.selectFrom(IDEMPOTENT_REQUEST)
                .where(IDEMPOTENT_REQUEST.PRINCIPAL.eq(principal).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .fetchOne();
        if (row == null) {
            // Released between our insert and select: the earlier attempt failed, so claim again.
            return claim(principal, key, requestHash, method, path);
        }
        return Optional.of(new StoredAnswer(row.getRequestHash(), row.getStatus(), row.getContentType(),
                row.getEtag(), row.getLocation(), row.getBody()));
    }

    public void complete(String principal, String key, int status, String contentType, String etag, String location,
                         byte[] body) {
        dsl.update(IDEMPOTENT_REQUEST)
                .set(IDEMPOTENT_REQUEST.STATUS, status)
                .set(IDEMPOTENT_REQUEST.CONTENT_TYPE, contentType)
                .set(IDEMPOTENT_REQUEST.ETAG, etag)
                .set(IDEMPOTENT_REQUEST.LOCATION, location)
                .set(IDEMPOTENT_REQUEST.BODY, body)
                .where(IDEMPOTENT_REQUEST.PRINCIPAL.eq(principal).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .execute();
    }

    /** Forgets a claim whose request was refused or failed, so that nothing of it stays written. */
    public void release(String principal, String key) {
        dsl.deleteFrom(IDEMPOTENT_REQUEST)
                .where(IDEMPOTENT_REQUEST.PRINCIPAL.eq(principal).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .execute();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetExpired() {
        dsl.deleteFrom(IDEMPOTENT_REQUEST)
                .where(IDEMPOTENT_REQUEST.CREATED_AT.lt(OffsetDateTime.now(clock).minus(retention)))
                .execute();
    }
}
