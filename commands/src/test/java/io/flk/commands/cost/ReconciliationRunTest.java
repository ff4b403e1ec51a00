package io.flk.commands.cost;

import io.flk.domain.cost.CostComponent;
import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.cost.Reconciliation;
import io.flk.domain.cost.ReconciliationCommands.RunReconciliation;
import io.flk.domain.cost.ReconciliationEvent.ReconciliationCompleted;
import io.flk.domain.cost.ReconciliationEvent.ReconciliationDiffExceeded;
import io.flk.domain.cost.ReconciliationId;
import io.flk.domain.shared.InvalidValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconciliationRunTest {

    private static final ReconciliationId ID = ReconciliationId.random();
    private static final LocalDate DAY = LocalDate.parse("2026-11-01");
    private static final Instant AT = Instant.parse("2026-11-02T02:30:00Z");

    private FixtureConfiguration<ReconciliationRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReconciliationRun.class);
    }

    @Test
    void aDiffWithinTheThresholdIsRecordedWithoutAnAlert() {
        fixture.givenNoPriorActivity()
                .when(run("102", "100", 3.0))
                .expectEvents(completed("102", 2.0));
    }

    @Test
    void aDiffBeyondTheThresholdRaisesTheAlertWithTheFigures() {
        fixture.givenNoPriorActivity()
                .when(run("104", "100", 3.0))
                .expectEvents(completed("104", 4.0),
                        new ReconciliationDiffExceeded(ID, DAY, DAY.plusDays(1), new BigDecimal("104"),
                                new BigDecimal("100"), 4.0, 3.0, AT));
    }

    @Test
    void aThresholdOutsideZeroToHundredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(run("104", "100", 0))
                .expectException(InvalidValue.class)
                .expectNoEvents();
    }

    private static ReconciliationCompleted completed(String internal, double diffPercent) {
        return new ReconciliationCompleted(ID, DAY, DAY.plusDays(1), "USD", new BigDecimal(internal),
                new BigDecimal("100"), BigDecimal.ZERO, diffPercent, 3.0, 0,
                List.of(new Reconciliation.Line(DAY, "acme", "Amazon Bedrock", new BigDecimal(internal),
                        new BigDecimal("100"))), "on-demand", "operator", AT);
    }

    private static RunReconciliation run(String internal, String imported, double threshold) {
        Reconciliation.Input input = new Reconciliation.Input(DAY, DAY.plusDays(1), "USD",
                List.of(new InternalDailyCost(DAY, "acme", "gpt-4o", CostComponent.LLM, null, new BigDecimal(internal))),
                List.of(new ImportedDailyCost(DAY, "AWS", "Amazon Bedrock", "acme", "USD", new BigDecimal(imported))),
                Set.of("acme"), Map.of(CostComponent.LLM, "Amazon Bedrock"));
        return new RunReconciliation(ID, input, threshold, "on-demand", "operator", AT);
    }
}
