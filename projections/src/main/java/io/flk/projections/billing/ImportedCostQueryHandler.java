package io.flk.projections.billing;

import static io.flk.db.Tables.BILLING_EXPORT_PART;
import static io.flk.db.Tables.BILLING_LINE_ITEM;

import io.flk.domain.cost.ImportedCostQueries.FetchImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCosts;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Effective cost of the imported bills per charge day, provider, service, tenant tag and currency, over the
 * current version of every export (a superseded file's rows no longer count).
 */
@Component
public class ImportedCostQueryHandler {

    /** Accepted too, so that bills tagged before a platform-specific key was chosen still find their tenant. */
    static final String GENERIC_TENANT_TAG = "tenant";

    private final DSLContext dsl;
    private final String tenantTagKey;

    public ImportedCostQueryHandler(DSLContext dsl,
                                    @Value("${flk.billing.tenant-tag-key:flk-tenant}") String tenantTagKey) {
        this.dsl = dsl;
        this.tenantTagKey = tenantTagKey;
    }

    @QueryHandler
    public ImportedDailyCosts handle(FetchImportedDailyCost query) {
        Field<String> tenant = DSL.coalesce(tag(tenantTagKey), tag(GENERIC_TENANT_TAG)).as("tenant");
        Field<BigDecimal> effectiveCost = DSL.sum(BILLING_LINE_ITEM.EFFECTIVE_COST).as("effective_cost");
        return new ImportedDailyCosts(dsl.select(BILLING_LINE_ITEM.CHARGE_DAY, BILLING_LINE_ITEM.PROVIDER,
                        BILLING_LINE_ITEM.SERVICE_NAME, tenant, BILLING_LINE_ITEM.BILLING_CURRENCY, effectiveCost)
                .from(BILLING_LINE_ITEM)
                .join(BILLING_EXPORT_PART).on(BILLING_EXPORT_PART.FILE_SHA256.eq(BILLING_LINE_ITEM.FILE_SHA256)
                        .and(BILLING_EXPORT_PART.PROVIDER.eq(BILLING_LINE_ITEM.PROVIDER))
                        .and(BILLING_EXPORT_PART.BILLING_ACCOUNT_ID.eq(BILLING_LINE_ITEM.BILLING_ACCOUNT_ID))
                        .and(BILLING_EXPORT_PART.BILLING_PERIOD.eq(BILLING_LINE_ITEM.BILLING_PERIOD)))
                .where(BILLING_EXPORT_PART.SUPERSEDED_BY_SHA256.isNull()
                        .and(BILLING_LINE_ITEM.CHARGE_DAY.ge(query.from()))
                        .and(BILLING_LINE_ITEM.CHARGE_DAY.lt(query.to())))
                .groupBy(BILLING_LINE_ITEM.CHARGE_DAY, BILLING_LINE_ITEM.PROVIDER, BILLING_LINE_ITEM.SERVICE_NAME,
                        tenant, BILLING_LINE_ITEM.BILLING_CURRENCY)
                .orderBy(BILLING_LINE_ITEM.CHARGE_DAY, BILLING_LINE_ITEM.PROVIDER, BILLING_LINE_ITEM.SERVICE_NAME,
                        tenant, BILLING_LINE_ITEM.BILLING_CURRENCY)
                .fetch(row -> new ImportedDailyCost(row.get(BILLING_LINE_ITEM.CHARGE_DAY, LocalDate.class),
                        row.get(BILLING_LINE_ITEM.PROVIDER), row.get(BILLING_LINE_ITEM.SERVICE_NAME), row.get(tenant),
                        row.get(BILLING_LINE_ITEM.BILLING_CURRENCY),
                        BillingExportProjection.plain(row.get(effectiveCost)))));
    }

    private static Field<String> tag(String key) {
        return DSL.field("{0} ->> {1}", String.class, BILLING_LINE_ITEM.TAGS, DSL.val(key));
    }
}
