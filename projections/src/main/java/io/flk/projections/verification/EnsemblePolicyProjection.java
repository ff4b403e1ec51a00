package io.flk.projections.verification;

import static io.flk.db.Tables.ENSEMBLE_POLICY_VERSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.db.tables.records.EnsemblePolicyVersionRecord;
import io.flk.domain.verification.EnsemblePolicyEvent;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyChanged;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyDefined;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyHistory;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyView;
import io.flk.domain.verification.EnsemblePolicyQueries.FetchEnsemblePolicyHistory;
import io.flk.domain.verification.EnsemblePolicyQueries.FindEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Every version of every tenant's ensemble policy, as the JSON the API shows. */
@Component
@ProcessingGroup(EnsemblePolicyProjection.GROUP)
public class EnsemblePolicyProjection {

    public static final String GROUP = "ensemble-policies";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext dsl;

    public EnsemblePolicyProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(EnsemblePolicyDefined event, @SequenceNumber long version) throws JsonProcessingException {
        record(event, event.actor(), null, event.at(), version);
    }

    @EventHandler
    void on(EnsemblePolicyChanged event, @SequenceNumber long version) throws JsonProcessingException {
        record(event, event.actor(), event.reason(), event.at(), version);
    }

    private void record(EnsemblePolicyEvent event, String actor, String reason, Instant at, long version)
            throws JsonProcessingException {
        dsl.insertInto(ENSEMBLE_POLICY_VERSION)
                .set(ENSEMBLE_POLICY_VERSION.TENANT_ID, event.tenantId().value())
                .set(ENSEMBLE_POLICY_VERSION.POLICY_VERSION, event.policyVersion())
                .set(ENSEMBLE_POLICY_VERSION.POLICY_JSON, JSON.writeValueAsString(event.policy()))
                .set(ENSEMBLE_POLICY_VERSION.CHANGED_BY, actor)
                .set(ENSEMBLE_POLICY_VERSION.REASON, reason)
                .set(ENSEMBLE_POLICY_VERSION.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .set(ENSEMBLE_POLICY_VERSION.VERSION, version)
                .onConflictDoNothing()
                .execute();
    }

    @QueryHandler
    public Optional<EnsemblePolicyView> handle(FindEnsemblePolicy query) {
        return dsl.selectFrom(ENSEMBLE_POLICY_VERSION)
                .where(ENSEMBLE_POLICY_VERSION.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(ENSEMBLE_POLICY_VERSION.POLICY_VERSION.desc())
                .limit(1)
                .fetchOptional(EnsemblePolicyProjection::toView);
    }

    @QueryHandler
    public EnsemblePolicyHistory handle(FetchEnsemblePolicyHistory query) {
        return new EnsemblePolicyHistory(dsl.selectFrom(ENSEMBLE_POLICY_VERSION)
                .where(ENSEMBLE_POLICY_VERSION.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(ENSEMBLE_POLICY_VERSION.POLICY_VERSION)
                .fetch(EnsemblePolicyProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(ENSEMBLE_POLICY_VERSION).execute();
    }

    private static EnsemblePolicyView toView(EnsemblePolicyVersionRecord row) {
        try {
            return new EnsemblePolicyView(row.getTenantId(), row.getPolicyVersion(),
                    JSON.readValue(row.getPolicyJson(), EnsemblePolicySpec.class), row.getChangedBy(), row.getReason(),
                    row.getChangedAt().toInstant(), row.getVersion());
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("stored policy of " + row.getTenantId() + " is not readable", unreadable);
        }
    }
}
