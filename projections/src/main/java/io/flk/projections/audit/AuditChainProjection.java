package io.flk.projections.audit;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.val;

import io.flk.db.tables.records.AuditChainRecord;
import io.flk.db.tables.records.DomainEventEntryRecord;
import io.flk.domain.audit.AuditChainRecipe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links every stored event into a hash chain in the log's order (global index), so that the chain rebuilt from
 * the log is the chain that was built live, whatever order concurrent transactions committed in.
 *
 * <p>A global index taken by a transaction that has not committed yet is a hole: the events after it wait until
 * it fills or settles. A hole settles when the event after it is older than the gap timeout, the point at which
 * Axon's trackers give up on a hole too, because no transaction is allowed to live that long (see
 * {@code AxonStorageConfiguration}): it was a rolled-back insert. Should an event still commit after its hole
 * settled, it is appended when it is delivered rather than left out.
 *
 * <p>Hashes are computed from the row as stored (not from the deserialized message) so that an auditor
 * recomputes exactly the same bytes with standard tools; see {@link AuditChainRecipe}.
 */
@Component
@ProcessingGroup(AuditChainProjection.GROUP)
public class AuditChainProjection {

    public static final String GROUP = "audit-chain";

    /** Serialises the processor and {@link #chainSettledEvents()} callers outside it, across instances. */
    private static final long CHAIN_LOCK = 0x666c6b_6175646974L;
    private static final int ROWS_PER_READ = 500;

    private final DSLContext dsl;
    private final Clock clock;
    private final Duration gapTimeout;

    public AuditChainProjection(DSLContext dsl, Clock clock,
                                @Value("${flk.axon.gap-timeout-ms:60000}") long gapTimeoutMs) {
        this.dsl = dsl;
        this.clock = clock;
        this.gapTimeout = Duration.ofMillis(gapTimeoutMs);
    }

    /**
     * Most events of a batch were chained along with the first one delivered: for them one lookup is all. A chain
     * further behind than one read catches up by a read per event delivered, or by the sweep.
     */
    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        String eventId = message.getIdentifier();
        if (isChained(eventId)) {
            return;
        }
        chainSettledEvents();
        if (!isChained(eventId)) {
            chainIfLate(eventId);
        }
    }

    /**
     * Chains, in global index order, the stored events not chained yet up to the first hole that may still fill:
     * at most one read of them, so that a transaction stays short however far behind the chain is, even while new
     * events keep coming. Call it within a transaction; it answers how many it chained.
     */
    public int chainSettledEvents() {
        dsl.select(field("pg_advisory_xact_lock({0})", Object.class, val(CHAIN_LOCK))).fetch();
        Long highestChained = dsl.select(max(AUDIT_CHAIN.GLOBAL_INDEX)).from(AUDIT_CHAIN).fetchSingle().value1();
        long chainedUpTo = highestChained == null ? 0 : highestChained;
        long settledUpTo = settledUpTo(chainedUpTo);
        if (settledUpTo == chainedUpTo) {
            return 0;
        }
        AuditChainRecord last = lastLink();
        List<AuditChainRecord> links = new ArrayList<>();
        for (DomainEventEntryRecord event : dsl.selectFrom(DOMAIN_EVENT_ENTRY)
                .where(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX.between(chainedUpTo + 1, settledUpTo))
                .orderBy(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX).fetch()) {
            last = link(last, event);
            links.add(last);
        }
        dsl.batchInsert(links).execute();
        return links.size();
    }

    /**
     * How far past {@code chainedUpTo} (at most one read) the log has no hole that may still fill. Only indexes and
     * times are read: behind an open transaction this runs for every event delivered, payloads are read only to
     * be chained.
     */
    private long settledUpTo(long chainedUpTo) {
        Instant settledBefore = clock.instant().minus(gapTimeout);
        long settled = chainedUpTo;
        for (Record2<Long, String> next : dsl.select(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX, DOMAIN_EVENT_ENTRY.TIME_STAMP)
                .from(DOMAIN_EVENT_ENTRY).where(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX.gt(chainedUpTo))
                .orderBy(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX).limit(ROWS_PER_READ).fetch()) {
            boolean afterHole = next.value1() != settled + 1;
            if (afterHole && !Instant.parse(next.value2()).isBefore(settledBefore)) {
                break;
            }
            settled = next.value1();
        }
        return settled;
    }

    private boolean isChained(String eventId) {
        return dsl.fetchExists(AUDIT_CHAIN, AUDIT_CHAIN.EVENT_ID.eq(eventId));
    }

    /** An event with no row here is held by Axon Server, whose events the chain does not cover (README). */
    private void chainIfLate(String eventId) {
        dsl.selectFrom(DOMAIN_EVENT_ENTRY).where(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER.eq(eventId)).fetchOptional()
                .filter(event -> dsl.fetchExists(AUDIT_CHAIN, AUDIT_CHAIN.GLOBAL_INDEX.gt(event.getGlobalIndex())))
                .ifPresent(late -> link(lastLink(), late).insert());
    }

    private AuditChainRecord lastLink() {
        return dsl.selectFrom(AUDIT_CHAIN).orderBy(AUDIT_CHAIN.CHAIN_POSITION.desc()).limit(1).fetchOne();
    }

    /** The link that follows {@code last}, not yet stored. */
    private AuditChainRecord link(AuditChainRecord last, DomainEventEntryRecord stored) {
        long position = last == null ? 1 : last.getChainPosition() + 1;
        String prevHash = last == null ? AuditChainRecipe.GENESIS_HASH : last.getHash();
        String payloadSha256 = AuditChainRecipe.payloadSha256(stored.getPayload());
        String hash = AuditChainRecipe.linkHash(prevHash, stored.getGlobalIndex(), stored.getEventIdentifier(),
                stored.getPayloadType(), stored.getAggregateIdentifier(), stored.getTimeStamp(), payloadSha256);
        AuditChainRecord link = dsl.newRecord(AUDIT_CHAIN);
        link.setChainPosition(position);
        link.setGlobalIndex(stored.getGlobalIndex());
        link.setEventId(stored.getEventIdentifier());
        link.setEventType(stored.getPayloadType());
        link.setAggregateId(stored.getAggregateIdentifier());
        link.setTimeStamp(stored.getTimeStamp());
        link.setPayloadSha256(payloadSha256);
        link.setPrevHash(prevHash);
        link.setHash(hash);
        return link;
    }

    @ResetHandler
    void reset() {
        dsl.truncate(AUDIT_CHAIN).execute();
    }
}
