package io.flk.domain.cost;

import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.shared.InvalidValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Internal (recorded) cost against imported (billed) cost per day, tenant and service. An imported line
 * belongs to a tenant when its tenant tag names a registered tenant; untagged or unknown tags go to the
 * unallocated bucket, which is reported but not part of the diff (nothing internal can match it). The bill is
 * the reference: diff % = (internal - imported allocated) / imported allocated.
 */
public final class Reconciliation {

    /** Service name of internal costs whose component has no configured cloud service. */
    public static final String INTERNAL_SERVICE_PREFIX = "flk:";

    /**
     * @param serviceOf the cloud service that bills each internal component (e.g. llm -> "Amazon Bedrock");
     *                  components missing here are reported under {@code flk:<component>}
     */
    public record Input(LocalDate from, LocalDate to, String currency, List<InternalDailyCost> internal,
                        List<ImportedDailyCost> imported, Set<String> tenantIds,
                        Map<CostComponent, String> serviceOf) {

        public Input {
            if (from == null || to == null || !from.isBefore(to)) {
                throw new InvalidValue("from", "from must be a day before to");
            }
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                throw new InvalidValue("currency", "currency must be an ISO 4217 code");
            }
            internal = List.copyOf(internal);
            imported = List.copyOf(imported);
            tenantIds = Set.copyOf(tenantIds);
            serviceOf = Map.copyOf(serviceOf);
        }
    }

    /** @param tenantId null for the unallocated bucket */
    public record Line(LocalDate day, String tenantId, String service, BigDecimal internalUsd, BigDecimal importedUsd) {
    }

    /**
     * @param diffPercent           null when nothing allocated was billed: there is no reference to compare with
     * @param otherCurrencyLines    imported lines in another currency, left out (no exchange rate is assumed)
     */
    public record Result(LocalDate from, LocalDate to, String currency, BigDecimal internalUsd,
                         BigDecimal importedAllocatedUsd, BigDecimal unallocatedUsd, Double diffPercent,
                         int otherCurrencyLines, List<Line> lines) {

        public Result {
            lines = List.copyOf(lines);
        }

        public boolean exceeds(double thresholdPercent) {
            return diffPercent != null && Math.abs(diffPercent) > thresholdPercent;
        }
    }

    private Reconciliation() {
    }

    public static Result reconcile(Input input) {
        Map<Key, BigDecimal[]> cells = new TreeMap<>();
        BigDecimal internal = BigDecimal.ZERO;
        for (InternalDailyCost cost : input.internal()) {
            if (inPeriod(input, cost.day())) {
                String service = input.serviceOf().getOrDefault(cost.component(),
                        INTERNAL_SERVICE_PREFIX + cost.component().id());
                BigDecimal[] cell = cell(cells, new Key(cost.day(), cost.tenantId(), service));
                cell[0] = cell[0].add(cost.costUsd());
                internal = internal.add(cost.costUsd());
            }
        }
        BigDecimal allocated = BigDecimal.ZERO;
        BigDecimal unallocated = BigDecimal.ZERO;
        int otherCurrency = 0;
        for (ImportedDailyCost cost : input.imported()) {
            if (!inPeriod(input, cost.day())) {
                continue;
            }
            if (!input.currency().equals(cost.currency())) {
                otherCurrency++;
                continue;
            }
            String tenant = cost.tenantTag() != null && input.tenantIds().contains(cost.tenantTag())
                    ? cost.tenantTag() : null;
            BigDecimal[] cell = cell(cells, new Key(cost.day(), tenant, cost.serviceName()));
            cell[1] = cell[1].add(cost.effectiveCost());
            if (tenant == null) {
                unallocated = unallocated.add(cost.effectiveCost());
            } else {
                allocated = allocated.add(cost.effectiveCost());
            }
        }
        List<Line> lines = cells.entrySet().stream()
                .map(entry -> new Line(entry.getKey().day(), entry.getKey().tenantId(), entry.getKey().service(),
                        entry.getValue()[0], entry.getValue()[1]))
                .toList();
        return new Result(input.from(), input.to(), input.currency(), internal, allocated, unallocated,
                diffPercent(internal, allocated), otherCurrency, lines);
    }

    private static Double diffPercent(BigDecimal internal, BigDecimal allocated) {
        if (allocated.signum() == 0) {
            return internal.signum() == 0 ? 0.0 : null;
        }
        return internal.subtract(allocated).multiply(BigDecimal.valueOf(100))
                .divide(allocated, 6, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static boolean inPeriod(Input input, LocalDate day) {
        return !day.isBefore(input.from()) && day.isBefore(input.to());
    }

    private static BigDecimal[] cell(Map<Key, BigDecimal[]> cells, Key key) {
        return cells.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    private record Key(LocalDate day, String tenantId, String service) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::day)
                .thenComparing(Key::tenantId, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Key::service);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }
}
