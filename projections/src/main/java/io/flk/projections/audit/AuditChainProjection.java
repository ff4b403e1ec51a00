package io.flk.projections.audit;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;

import io.flk.db.tables.records.AuditChainRecord;
import io.flk.db.tables.records.DomainEventEntryRecord;
import io.flk.domain.audit.AuditChainRecipe;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Links every stored event into a hash chain, in the order this single-segment processor sees them.
 * Hashes are computed from the row as stored (not from the deserialized message) so that an auditor
 * recomputes exactly the same bytes with standard tools; see {@link AuditChainRecipe}.
 */
@Component
@ProcessingGroup(AuditChainProjection.GROUP)
public class AuditChainProjection {

    public static final String GROUP = "audit-chain";

    private final DSLContext dsl;

    public AuditChainProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (dsl.fetchExists(AUDIT_CHAIN, AUDIT_CHAIN.EVENT_ID.eq(message.getIdentifier()))) {
            return;
        }
        DomainEventEntryRecord stored = dsl.selectFrom(DOMAIN_EVENT_ENTRY)
                .where(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER.eq(message.getIdentifier()))
                .fetchSingle();
        AuditChainRecord last = dsl.selectFrom(AUDIT_CHAIN).orderBy(AUDIT_CHAIN.CHAIN_POSITION.desc()).limit(1)
                .fetchOne();
        long position = last == null ? 1 : last.getChainPosition() + 1;
        String prevHash = last == null ? AuditChainRecipe.GENESIS_HASH : last.getHash();
        String payloadSha256 = AuditChainRecipe.payloadSha256(stored.getPayload());
        String hash = AuditChainRecipe.linkHash(prevHash, stored.getGlobalIndex(), stored.getEventIdentifier(),
                stored.getPayloadType(), stored.getAggregateIdentifier(), stored.getTimeStamp(), payloadSha256);
        dsl.insertInto(AUDIT_CHAIN)
                .set(AUDIT_CHAIN.CHAIN_POSITION, position)
                .set(AUDIT_CHAIN.GLOBAL_INDEX, stored.getGlobalIndex())
                .set(AUDIT_CHAIN.EVENT_ID, stored.getEventIdentifier())
                .set(AUDIT_CHAIN.EVENT_TYPE, stored.getPayloadType())
                .set(AUDIT_CHAIN.AGGREGATE_ID, stored.getAggregateIdentifier())
                .set(AUDIT_CHAIN.TIME_STAMP, stored.getTimeStamp())
                .set(AUDIT_CHAIN.PAYLOAD_SHA256, payloadSha256)
                .set(AUDIT_CHAIN.PREV_HASH, prevHash)
                .set(AUDIT_CHAIN.HASH, hash)
                .execute();
    }

    @ResetHandler
    void reset() {
        dsl.truncate(AUDIT_CHAIN).execute();
    }
}
