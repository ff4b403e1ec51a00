package io.flk.projections.audit;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import io.flk.domain.audit.AuditChainRecipe;
import io.flk.domain.audit.AuditQueries.AuditChainVerification;
import io.flk.domain.audit.AuditQueries.VerifyAuditChain;
import java.util.Objects;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * Recomputes the audit chain from the events as they are stored now and reports the first link that no
 * longer matches: an event changed or removed behind the write-once trigger's back breaks the chain there.
 */
@Component
public class AuditChainVerifier {

    private static final int FETCH_SIZE = 1_000;

    private final DSLContext dsl;

    public AuditChainVerifier(DSLContext dsl) {
        this.dsl = dsl;
    }

    @QueryHandler
    public AuditChainVerification handle(VerifyAuditChain query) {
        // A cursor needs a transaction in PostgreSQL to stream instead of loading the whole chain.
        return dsl.transactionResult(configuration -> verify(configuration.dsl()));
    }

    private AuditChainVerification verify(DSLContext tx) {
        long unchained = tx.fetchCount(DOMAIN_EVENT_ENTRY, notExists(selectOne().from(AUDIT_CHAIN)
                .where(AUDIT_CHAIN.GLOBAL_INDEX.eq(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX))));
        String expectedPrev = AuditChainRecipe.GENESIS_HASH;
        long checked = 0;
        try (Cursor<Record> links = tx.select(AUDIT_CHAIN.fields())
                .select(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER, DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE,
                        DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER, DOMAIN_EVENT_ENTRY.TIME_STAMP,
                        DOMAIN_EVENT_ENTRY.PAYLOAD)
                .from(AUDIT_CHAIN)
                .leftJoin(DOMAIN_EVENT_ENTRY).on(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX.eq(AUDIT_CHAIN.GLOBAL_INDEX))
                .orderBy(AUDIT_CHAIN.CHAIN_POSITION)
                .fetchSize(FETCH_SIZE)
                .fetchLazy()) {
            for (Record link : links) {
                long position = link.get(AUDIT_CHAIN.CHAIN_POSITION);
                long globalIndex = link.get(AUDIT_CHAIN.GLOBAL_INDEX);
                String problem = problemWith(link, position, checked + 1, expectedPrev);
                if (problem != null) {
                    return new AuditChainVerification(false, checked, position, globalIndex, problem, unchained,
                            expectedPrev);
                }
                expectedPrev = link.get(AUDIT_CHAIN.HASH);
                checked++;
            }
        }
        return new AuditChainVerification(true, checked, null, null, null, unchained, expectedPrev);
    }

    private static String problemWith(Record link, long position, long expectedPosition, String expectedPrev) {
        if (position != expectedPosition) {
            return "chain position " + expectedPosition + " is missing";
        }
        if (!expectedPrev.equals(link.get(AUDIT_CHAIN.PREV_HASH))) {
            return "prev_hash does not match the hash of the previous link";
        }
        byte[] payload = link.get(DOMAIN_EVENT_ENTRY.PAYLOAD);
        if (payload == null) {
            return "the stored event is missing";
        }
        String payloadSha256 = AuditChainRecipe.payloadSha256(payload);
        if (!payloadSha256.equals(link.get(AUDIT_CHAIN.PAYLOAD_SHA256))) {
            return "the stored payload differs from the payload that was chained";
        }
        String recomputed = AuditChainRecipe.linkHash(expectedPrev, link.get(AUDIT_CHAIN.GLOBAL_INDEX),
                link.get(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER), link.get(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE),
                link.get(DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER), link.get(DOMAIN_EVENT_ENTRY.TIME_STAMP),
                payloadSha256);
        if (!Objects.equals(recomputed, link.get(AUDIT_CHAIN.HASH))) {
            return "the stored event's metadata differs from what was chained";
        }
        return null;
    }
}
