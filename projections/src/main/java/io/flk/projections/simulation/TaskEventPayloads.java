package io.flk.projections.simulation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored JSON of {@link TaskVerified} and {@link TaskLabelled}, as Axon's Jackson serializer wrote it,
 * straight into what a replay needs, with Jackson's streaming parser: the caller's features and the other
 * fields no simulation reads are skipped without building objects, which is most of the bytes.
 *
 * <p>Revision 1 of {@code TaskVerified} predates HRS shadows and has no {@code hrsShadowRisks}: it reads as no
 * shadow risk, as {@code TaskVerifiedShadowRisksUpcaster} upcasts it. Unknown fields are skipped; an unknown
 * revision is refused rather than guessed at.
 */
final class TaskEventPayloads {

    static final String TASK_VERIFIED = TaskVerified.class.getName();
    static final String TASK_LABELLED = TaskLabelled.class.getName();

    private static final JsonFactory JSON = new JsonFactory();

    private TaskEventPayloads() {
    }

    static void requireKnownRevision(String payloadType, String revision) {
        boolean known = TASK_VERIFIED.equals(payloadType) ? "1".equals(revision) || "2".equals(revision)
                : "1".equals(revision);
        if (!known) {
            throw new IllegalStateException("revision " + revision + " of " + payloadType + " is unknown to the "
                    + "simulation replay; it reads revisions " + (TASK_VERIFIED.equals(payloadType) ? "1 and 2" : "1"));
        }
    }

    static RecordedTask decision(byte[] payload, boolean disagreed, RecordedLabel label) {
        try (JsonParser parser = JSON.createParser(payload)) {
            expect(parser, JsonToken.START_OBJECT);
            String taskId = null;
            Instant verifiedAt = null;
            long policyVersion = 0;
            boolean controlGroup = false;
            Decision decision = null;
            List<StrategyVerdict> verdicts = List.of();
            Map<String, Double> shadowRisks = Map.of();
            double llmCost = 0;
            double verificationCost = 0;
            long decisionMicros = 0;
            boolean hardCapped = false;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "taskId" -> taskId = parser.getText();
                    case "verifiedAt" -> verifiedAt = Instant.parse(parser.getText());
                    case "policyVersion" -> policyVersion = parser.getLongValue();
                    case "controlGroup" -> controlGroup = value == JsonToken.VALUE_TRUE;
                    case "decision" -> decision = Decision.valueOf(parser.getText());
                    case "verdicts" -> verdicts = verdicts(parser);
                    case "hrsShadowRisks" -> shadowRisks = value == JsonToken.VALUE_NULL ? Map.of() : risks(parser);
                    case "llmCostUsd" -> llmCost = parser.getDoubleValue();
                    case "verificationCostUsd" -> verificationCost = parser.getDoubleValue();
                    case "decisionMicros" -> decisionMicros = parser.getLongValue();
                    case "budgetHardCap" -> hardCapped = value != JsonToken.VALUE_NULL;
                    default -> parser.skipChildren();
                }
            }
            if (taskId == null || verifiedAt == null || decision == null) {
                throw new IllegalStateException("a stored TaskVerified lacks its taskId, verifiedAt or decision");
            }
            return new RecordedTask(taskId, verifiedAt, policyVersion, controlGroup, decision, verdicts, shadowRisks,
                    llmCost, verificationCost, decisionMicros, hardCapped, disagreed, label);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("a stored TaskVerified is not readable JSON", unreadable);
        }
    }

    /** Calls {@code index} with the label's verdict and review cost. */
    static void label(byte[] payload, String aggregateIdentifier, TaskLabelIndex index) {
        try (JsonParser parser = JSON.createParser(payload)) {
            expect(parser, JsonToken.START_OBJECT);
            Verdict verdict = null;
            double reviewCost = 0;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                parser.nextToken();
                switch (field) {
                    case "verdict" -> verdict = Verdict.valueOf(parser.getText());
                    case "reviewCostUsd" -> reviewCost = parser.getDoubleValue();
                    default -> parser.skipChildren();
                }
            }
            if (verdict == null) {
                throw new IllegalStateException("a stored TaskLabelled lacks its verdict");
            }
            index.label(aggregateIdentifier, verdict, reviewCost);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("a stored TaskLabelled is not readable JSON", unreadable);
        }
    }

    private static List<StrategyVerdict> verdicts(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        List<StrategyVerdict> verdicts = new ArrayList<>(3);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            StrategyName strategy = null;
            Double score = null;
            Vote vote = null;
            long latencyMicros = 0;
            double cost = 0;
            boolean timedOut = false;
            boolean failed = false;
            String modelVersion = null;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "strategy" -> strategy = StrategyName.of(parser.getText());
                    case "score" -> score = value == JsonToken.VALUE_NULL ? null : parser.getDoubleValue();
                    case "vote" -> vote = Vote.valueOf(parser.getText());
                    case "latencyMicros" -> latencyMicros = parser.getLongValue();
                    case "costUsd" -> cost = parser.getDoubleValue();
                    case "timedOut" -> timedOut = value == JsonToken.VALUE_TRUE;
                    case "failed" -> failed = value == JsonToken.VALUE_TRUE;
                    case "modelVersion" -> modelVersion = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    default -> parser.skipChildren();
                }
            }
            verdicts.add(new StrategyVerdict(strategy, score, vote, latencyMicros, cost, timedOut, failed,
                    modelVersion));
        }
        return verdicts;
    }

    private static Map<String, Double> risks(JsonParser parser) throws IOException {
        Map<String, Double> risks = new HashMap<>(4);
        for (String version = parser.nextFieldName(); version != null; version = parser.nextFieldName()) {
            parser.nextToken();
            risks.put(version, parser.getDoubleValue());
        }
        return risks;
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.nextToken() != token) {
            throw new IllegalStateException("a stored task event is not a JSON object");
        }
    }
}
