package io.flk.projections.billing;

import static io.flk.db.Tables.BILLING_EXPORT_PART;
import static io.flk.db.Tables.BILLING_EXPORT_PART_TOTAL;

import io.flk.db.tables.records.BillingExportPartRecord;
import io.flk.domain.billing.BillingExportEvent.BillingExportImported;
import io.flk.domain.billing.BillingExportEvent.BillingExportSuperseded;
import io.flk.domain.billing.BillingExportId;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingImportQueries.BillingImportList;
import io.flk.domain.billing.BillingImportQueries.BillingImportView;
import io.flk.domain.billing.BillingImportQueries.ExportPart;
import io.flk.domain.billing.BillingImportQueries.FetchBillingImports;
import io.flk.domain.billing.BillingImportQueries.FindBillingImport;
import io.flk.domain.billing.BillingImportQueries.PeriodTotal;
import io.flk.domain.billing.CurrencyTotal;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Which file is the current version of each billing export, and what each imported file held. Imported
 * cost queries count a file's line items only through a part that is not superseded here.
 */
@Component
@ProcessingGroup(BillingExportProjection.GROUP)
public class BillingExportProjection {

    public static final String GROUP = "billing-exports";

    private final DSLContext dsl;

    public BillingExportProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(BillingExportImported event) {
        BillingExportId id = event.exportId();
        dsl.insertInto(BILLING_EXPORT_PART)
                .set(BILLING_EXPORT_PART.FILE_SHA256, event.fileSha256())
                .set(BILLING_EXPORT_PART.PROVIDER, id.provider())
                .set(BILLING_EXPORT_PART.BILLING_ACCOUNT_ID, id.billingAccountId())
                .set(BILLING_EXPORT_PART.BILLING_PERIOD, id.billingPeriod())
                .set(BILLING_EXPORT_PART.FORMAT, event.format().name())
                .set(BILLING_EXPORT_PART.ROW_COUNT, event.rows())
                .set(BILLING_EXPORT_PART.IMPORTED_BY, event.importedBy())
                .set(BILLING_EXPORT_PART.IMPORTED_AT, event.importedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        for (CurrencyTotal total : event.totals()) {
            dsl.insertInto(BILLING_EXPORT_PART_TOTAL)
                    .set(BILLING_EXPORT_PART_TOTAL.FILE_SHA256, event.fileSha256())
                    .set(BILLING_EXPORT_PART_TOTAL.PROVIDER, id.provider())
                    .set(BILLING_EXPORT_PART_TOTAL.BILLING_ACCOUNT_ID, id.billingAccountId())
                    .set(BILLING_EXPORT_PART_TOTAL.BILLING_PERIOD, id.billingPeriod())
                    .set(BILLING_EXPORT_PART_TOTAL.CURRENCY, total.currency())
                    .set(BILLING_EXPORT_PART_TOTAL.BILLED_COST, total.billedCost())
                    .set(BILLING_EXPORT_PART_TOTAL.EFFECTIVE_COST, total.effectiveCost())
                    .set(BILLING_EXPORT_PART_TOTAL.LIST_COST, total.listCost())
                    .onConflictDoNothing()
                    .execute();
        }
    }

    @EventHandler
    void on(BillingExportSuperseded event) {
        BillingExportId id = event.exportId();
        dsl.update(BILLING_EXPORT_PART)
                .set(BILLING_EXPORT_PART.SUPERSEDED_BY_SHA256, event.fileSha256())
                .where(BILLING_EXPORT_PART.FILE_SHA256.eq(event.supersededFileSha256())
                        .and(BILLING_EXPORT_PART.PROVIDER.eq(id.provider()))
                        .and(BILLING_EXPORT_PART.BILLING_ACCOUNT_ID.eq(id.billingAccountId()))
                        .and(BILLING_EXPORT_PART.BILLING_PERIOD.eq(id.billingPeriod())))
                .execute();
    }

    @QueryHandler
    public Optional<BillingImportView> handle(FindBillingImport query) {
        List<BillingExportPartRecord> parts = dsl.selectFrom(BILLING_EXPORT_PART)
                .where(BILLING_EXPORT_PART.FILE_SHA256.eq(query.fileSha256()))
                .orderBy(BILLING_EXPORT_PART.PROVIDER, BILLING_EXPORT_PART.BILLING_ACCOUNT_ID,
                        BILLING_EXPORT_PART.BILLING_PERIOD)
                .fetch();
        return parts.isEmpty() ? Optional.empty() : Optional.of(view(query.fileSha256(), parts));
    }

    @QueryHandler
    public BillingImportList handle(FetchBillingImports query) {
        List<String> files = dsl.select(BILLING_EXPORT_PART.FILE_SHA256)
                .from(BILLING_EXPORT_PART)
                .groupBy(BILLING_EXPORT_PART.FILE_SHA256)
                .orderBy(DSL.max(BILLING_EXPORT_PART.IMPORTED_AT).desc(), BILLING_EXPORT_PART.FILE_SHA256)
                .limit(query.limit())
                .fetch(BILLING_EXPORT_PART.FILE_SHA256);
        List<BillingImportView> views = new ArrayList<>();
        for (String file : files) {
            handle(new FindBillingImport(file)).ifPresent(views::add);
        }
        return new BillingImportList(views);
    }

    @ResetHandler
    void reset() {
        dsl.truncate(BILLING_EXPORT_PART).execute();
        dsl.truncate(BILLING_EXPORT_PART_TOTAL).execute();
    }

    private BillingImportView view(String fileSha256, List<BillingExportPartRecord> parts) {
        List<ExportPart> exports = parts.stream()
                .map(part -> new ExportPart(part.getProvider(), part.getBillingAccountId(), part.getBillingPeriod(),
                        part.getRowCount(), part.getSupersededBySha256()))
                .toList();
        BillingExportPartRecord first = parts.get(0);
        return new BillingImportView(fileSha256, BillingFormat.valueOf(first.getFormat()), first.getImportedBy(),
                first.getImportedAt().toInstant(), parts.stream().mapToLong(BillingExportPartRecord::getRowCount).sum(),
                periodTotals(fileSha256), exports);
    }

    /** A file's totals per billing period and currency, over all its providers and accounts. */
    private List<PeriodTotal> periodTotals(String fileSha256) {
        Map<String, PeriodTotal> totals = new TreeMap<>();
        for (Record row : dsl.select(BILLING_EXPORT_PART_TOTAL.BILLING_PERIOD, BILLING_EXPORT_PART_TOTAL.CURRENCY,
                        DSL.sum(BILLING_EXPORT_PART_TOTAL.BILLED_COST), DSL.sum(BILLING_EXPORT_PART_TOTAL.EFFECTIVE_COST),
                        DSL.sum(BILLING_EXPORT_PART_TOTAL.LIST_COST))
                .from(BILLING_EXPORT_PART_TOTAL)
                .where(BILLING_EXPORT_PART_TOTAL.FILE_SHA256.eq(fileSha256))
                .groupBy(BILLING_EXPORT_PART_TOTAL.BILLING_PERIOD, BILLING_EXPORT_PART_TOTAL.CURRENCY)
                .fetch()) {
            String period = row.get(0, String.class);
            String currency = row.get(1, String.class);
            totals.put(period + currency, new PeriodTotal(period, currency, plain(row.get(2, BigDecimal.class)),
                    plain(row.get(3, BigDecimal.class)), plain(row.get(4, BigDecimal.class))));
        }
        return List.copyOf(totals.values());
    }

    /** Without the column's 24 trailing zeros, so that JSON shows 12.5 rather than 12.500000000000000000000000. */
    public static BigDecimal plain(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
