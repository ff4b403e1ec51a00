package io.flk.projections.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replay's reader against Jackson's own output: whatever the application stores reads back the same. */
class TaskEventPayloadsTest {

    private final TaskEventPayloads payloads = new TaskEventPayloads();

    @Test
    void randomDecisionsReadBackAsTheRecordedTasksOfTheirEvents() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            TaskVerified verified = randomDecision(random, i);
            byte[] json = StoredTaskEvents.APPLICATION_MAPPER.writeValueAsBytes(verified);
            boolean disagreed = random.nextBoolean();
            RecordedLabel label = random.nextBoolean() ? null : new RecordedLabel(Verdict.UNSURE, random.nextDouble());

            assertThat(payloads.decision(json, disagreed, label)).as(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(RecordedTask.of(verified, disagreed, label));
        }
    }

    @Test
    void whiteSpaceEscapesExplicitNullsAndUnknownFieldsReadAsJacksonReadsThem() throws Exception {
        TaskVerified verified = new TaskVerified(TenantId.of("acme"), "t:1.x_y-z", "model \"quoted\" \\ \u00e9",
                2, false, Decision.PASS, null,
                List.of(new StrategyVerdict(StrategyName.HRS, 1e-3, Vote.GROUNDED, 5, 2.5E-5, false, false, "v\"1\"")),
                Map.of(), Map.of("we{ird}[key]\"", -1.5e10), 0, 0, null, 0, Instant.parse("2026-01-05T10:00:00Z"), null,
                Map.of("shadow \"7\"", 0.25));
        ObjectNode json = StoredTaskEvents.APPLICATION_MAPPER.valueToTree(verified);
        json.putNull("escalationId");
        json.putNull("budgetHardCap");
        json.putObject("addedLater").putArray("nested").addObject().put("deep", "}]\"{[").put("n", 1);
        String pretty = StoredTaskEvents.APPLICATION_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);

        RecordedTask read = payloads.decision(pretty.getBytes(StandardCharsets.UTF_8), false, null);

        assertThat(read).isEqualTo(RecordedTask.of(verified, false, null));
    }

    @Test
    void aLabelGivesItsVerdictAndReviewCost() throws Exception {
        TaskLabelled label = new TaskLabelled(TenantId.of("acme"), "t1", Verdict.HALLUCINATION, LabelSource.ESCALATION,
                EscalationId.random(), "reviewer \"x\"", 2.75, Instant.parse("2026-01-05T10:00:00Z"));
        TaskLabelIndex index = new TaskLabelIndex(10);

        payloads.label(StoredTaskEvents.APPLICATION_MAPPER.writeValueAsBytes(label), "task:acme:t1", index);

        assertThat(index.labelAt(index.find("task:acme:t1"))).isEqualTo(new RecordedLabel(Verdict.HALLUCINATION, 2.75));
    }

    @Test
    void isoInstantsOfEveryPrecisionReadAsInstantParseReadsThem() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            Instant truncated = switch (i % 4) {
                case 0 -> instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                default -> instant;
            };

            assertThat(TaskEventPayloads.isoInstant(truncated.toString())).isEqualTo(truncated);
        }
        assertThat(TaskEventPayloads.isoInstant("2026-01-05T10:00:00.5Z")).isEqualTo("2026-01-05T10:00:00.500Z");
        assertThat(TaskEventPayloads.isoInstant("2026-01-05T10:00:00+00:00"))
                .isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }

    @Test
    void invalidJsonIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> payloads.decision("{\"taskId\":\"t1\",\"features\":{\"x\":1".getBytes(
                StandardCharsets.UTF_8), false, null)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> payloads.decision("{\"taskId\" \"t1\"}".getBytes(StandardCharsets.UTF_8), false,
                null)).hasMessageContaining("expected ':' at byte 10");
        assertThatThrownBy(() -> payloads.decision("{\"decision\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8), false,
                null)).hasMessageContaining("unknown decision");
    }

    private static TaskVerified randomDecision(SplittableRandom random, int i) {
        List<StrategyVerdict> verdicts = new ArrayList<>();
        for (StrategyName strategy : StrategyName.values()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            boolean unavailable = random.nextInt(10) == 0;
            verdicts.add(new StrategyVerdict(strategy, unavailable ? null : random.nextDouble(),
                    random.nextBoolean() ? Vote.GROUNDED : Vote.HALLUCINATED, random.nextLong(0, 5_000_000),
                    random.nextDouble() / 1000, unavailable && random.nextBoolean(),
                    unavailable && random.nextBoolean(),
                    random.nextBoolean() ? null : "v-" + random.nextInt(100)));
        }
        Map<String, Double> features = new LinkedHashMap<>();
        for (int f = 0; f < random.nextInt(30); f++) {
            features.put("feature." + f, random.nextDouble() * (random.nextBoolean() ? 1e6 : -1e-6));
        }
        Map<String, Double> shadows = new LinkedHashMap<>();
        for (int s = 0; s < random.nextInt(3); s++) {
            shadows.put("hrs-" + s, random.nextDouble());
        }
        Decision decision = random.nextBoolean() ? Decision.PASS : Decision.ESCALATED;
        return new TaskVerified(TenantId.of("acme"), "task-" + i, "gpt-4o", random.nextLong(0, 1_000),
                random.nextBoolean(), decision, random.nextBoolean() ? null : random.nextDouble(), verdicts,
                Map.of("hrs", "hrs-1"), features, random.nextDouble() / 100, random.nextDouble() / 1000,
                decision == Decision.ESCALATED ? EscalationId.random() : null, random.nextLong(0, 100_000_000),
                Instant.ofEpochSecond(random.nextLong(1_700_000_000L, 1_800_000_000L), random.nextInt(1_000_000_000)),
                random.nextInt(5) == 0 ? HardCapBehaviour.ESCALATE_ALL : null, shadows);
    }
}
