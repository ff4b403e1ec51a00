package io.flk.commands.billing;

import io.flk.domain.billing.BillingExportId;
import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.CurrencyTotal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows and cost sums of one file per billing export and currency, gathered while it streams by: the facts its
 * {@code ImportBillingExport} commands carry. Memory grows with the number of exports, never with rows.
 */
public final class BillingImportTotals {

    public record ExportTotals(BillingExportId exportId, long rows, List<CurrencyTotal> totals) {
    }

    private static final class Sums {
        long rows;
        final Map<String, BigDecimal[]> perCurrency = new TreeMap<>();
    }

    private final Map<String, BillingExportId> ids = new TreeMap<>();
    private final Map<String, Sums> sums = new TreeMap<>();
    /** The export of the previous row: files hold one or a few exports, so most rows belong to the previous one. */
    private BillingExportId lastId;
    private Sums last;

    public void add(BillingLineItem item) {
        Sums export = last != null && lastId.provider().equals(item.provider())
                && lastId.billingAccountId().equals(item.billingAccountId())
                && lastId.billingPeriod().equals(item.billingPeriod()) ? last : lookUp(item);
        export.rows++;
        BigDecimal[] totals = export.perCurrency.computeIfAbsent(item.billingCurrency(),
                currency -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        totals[0] = totals[0].add(item.billedCost());
        totals[1] = totals[1].add(item.effectiveCost());
        if (item.listCost() != null) {
            totals[2] = totals[2].add(item.listCost());
        }
    }

    private Sums lookUp(BillingLineItem item) {
        String key = item.provider() + '\u0000' + item.billingAccountId() + '\u0000' + item.billingPeriod();
        Sums export = sums.get(key);
        if (export == null) {
            ids.put(key, new BillingExportId(item.provider(), item.billingAccountId(), item.billingPeriod()));
            export = new Sums();
            sums.put(key, export);
        }
        lastId = ids.get(key);
        last = export;
        return export;
    }

    /** Per export, in a stable order (provider, account, period). */
    public List<ExportTotals> exports() {
        List<ExportTotals> exports = new ArrayList<>();
        sums.forEach((key, export) -> {
            List<CurrencyTotal> totals = new ArrayList<>();
            export.perCurrency.forEach((currency, sum) -> totals.add(new CurrencyTotal(currency, sum[0], sum[1], sum[2])));
            exports.add(new ExportTotals(ids.get(key), export.rows, totals));
        });
        return exports;
    }
}
