package io.flk.domain.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.shared.InvalidValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final LocalDate D1 = LocalDate.parse("2026-11-01");
    private static final LocalDate D2 = LocalDate.parse("2026-11-02");
    private static final LocalDate D3 = LocalDate.parse("2026-11-03");
    private static final Map<CostComponent, String> SERVICES = Map.of(CostComponent.LLM, "Amazon Bedrock");

    @Test
    void taggedBillsAreMatchedToTenantsPerDayAndServiceAndTheDiffIsRelativeToTheBill() {
        var result = Reconciliation.reconcile(input(
                List.of(internal(D1, "acme", CostComponent.LLM, "60.00"), internal(D2, "acme", CostComponent.LLM, "40.00"),
                        internal(D1, "acme", CostComponent.VERIFICATION, "5.00")),
                List.of(imported(D1, "Amazon Bedrock", "acme", "USD", "61.00"),
                        imported(D2, "Amazon Bedrock", "acme", "USD", "39.00"),
                        imported(D1, "Amazon EC2", "acme", "USD", "5.00"))));

        assertThat(result.internalUsd()).isEqualByComparingTo("105.00");
        assertThat(result.importedAllocatedUsd()).isEqualByComparingTo("105.00");
        assertThat(result.diffPercent()).isEqualTo(0.0);
        assertThat(result.lines()).contains(
                new Reconciliation.Line(D1, "acme", "Amazon Bedrock", new BigDecimal("60.00"), new BigDecimal("61.00")),
                new Reconciliation.Line(D1, "acme", "Amazon EC2", BigDecimal.ZERO, new BigDecimal("5.00")),
                new Reconciliation.Line(D1, "acme", "flk:verification", new BigDecimal("5.00"), BigDecimal.ZERO));
        assertThat(result.exceeds(3.0)).isFalse();
    }

    @Test
    void untaggedAndUnknownTagsGoToTheUnallocatedBucketAndOutOfTheDiff() {
        var result = Reconciliation.reconcile(input(
                List.of(internal(D1, "acme", CostComponent.LLM, "100")),
                List.of(imported(D1, "Amazon Bedrock", "acme", "USD", "90"),
                        imported(D1, "Amazon S3", null, "USD", "7"),
                        imported(D1, "Amazon S3", "not-a-tenant", "USD", "3"),
                        imported(D1, "Amazon S3", "acme", "EUR", "1000"))));

        assertThat(result.unallocatedUsd()).isEqualByComparingTo("10");
        assertThat(result.importedAllocatedUsd()).isEqualByComparingTo("90");
        assertThat(result.otherCurrencyLines()).isEqualTo(1);
        assertThat(result.diffPercent()).isCloseTo(11.111111, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.exceeds(3.0)).isTrue();
        assertThat(result.lines()).filteredOn(line -> line.tenantId() == null).singleElement()
                .satisfies(line -> assertThat(line.importedUsd()).isEqualByComparingTo("10"));
    }

    @Test
    void daysOutsideThePeriodAreIgnoredAndWithoutABillThereIsNoDiff() {
        var result = Reconciliation.reconcile(input(
                List.of(internal(D1, "acme", CostComponent.LLM, "10"), internal(D3, "acme", CostComponent.LLM, "99")),
                List.of(imported(D3, "Amazon Bedrock", "acme", "USD", "99"))));

        assertThat(result.internalUsd()).isEqualByComparingTo("10");
        assertThat(result.diffPercent()).isNull();
        assertThat(result.exceeds(3.0)).isFalse();
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new Reconciliation.Input(D2, D1, "USD", List.of(), List.of(), Set.of(), Map.of()))
                .isInstanceOf(InvalidValue.class)
                .satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo("from"));
    }

    private static Reconciliation.Input input(List<InternalDailyCost> internal, List<ImportedDailyCost> imported) {
        return new Reconciliation.Input(D1, D3, "USD", internal, imported, Set.of("acme", "globex"), SERVICES);
    }

    private static InternalDailyCost internal(LocalDate day, String tenant, CostComponent component, String usd) {
        return new InternalDailyCost(day, tenant, "gpt-4o", component,
                component == CostComponent.VERIFICATION ? "hrs" : null, new BigDecimal(usd));
    }

    private static ImportedDailyCost imported(LocalDate day, String service, String tag, String currency, String usd) {
        return new ImportedDailyCost(day, "AWS", service, tag, currency, new BigDecimal(usd));
    }
}
