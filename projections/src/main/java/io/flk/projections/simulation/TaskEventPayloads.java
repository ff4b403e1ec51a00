package io.flk.projections.simulation;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored JSON of {@link TaskVerified} and {@link TaskLabelled}, as Axon's Jackson serializer wrote it,
 * straight into what a replay needs, with a {@link JsonCursor}: the caller's features and the other fields no
 * simulation reads are skipped without decoding them, which is most of the bytes. One instance per replay: it
 * reuses its buffers from event to event.
 *
 * <p>Revision 1 of {@code TaskVerified} predates HRS shadows and has no {@code hrsShadowRisks}: it reads as no
 * shadow risk, as {@code TaskVerifiedShadowRisksUpcaster} upcasts it. Unknown fields are skipped; an unknown
 * revision, or an unknown decision, vote, verdict or strategy, is refused rather than guessed at.
 */
final class TaskEventPayloads {

    static final String TASK_VERIFIED = TaskVerified.class.getName();
    static final String TASK_LABELLED = TaskLabelled.class.getName();

    private static final byte[] TASK_ID = ascii("taskId");
    private static final byte[] VERIFIED_AT = ascii("verifiedAt");
    private static final byte[] POLICY_VERSION = ascii("policyVersion");
    private static final byte[] CONTROL_GROUP = ascii("controlGroup");
    private static final byte[] DECISION = ascii("decision");
    private static final byte[] VERDICTS = ascii("verdicts");
    private static final byte[] SHADOW_RISKS = ascii("hrsShadowRisks");
    private static final byte[] LLM_COST = ascii("llmCostUsd");
    private static final byte[] VERIFICATION_COST = ascii("verificationCostUsd");
    private static final byte[] DECISION_MICROS = ascii("decisionMicros");
    private static final byte[] HARD_CAP = ascii("budgetHardCap");
    private static final byte[] STRATEGY = ascii("strategy");
    private static final byte[] SCORE = ascii("score");
    private static final byte[] VOTE = ascii("vote");
    private static final byte[] LATENCY = ascii("latencyMicros");
    private static final byte[] COST = ascii("costUsd");
    private static final byte[] TIMED_OUT = ascii("timedOut");
    private static final byte[] FAILED = ascii("failed");
    private static final byte[] MODEL_VERSION = ascii("modelVersion");
    private static final byte[] VERDICT = ascii("verdict");
    private static final byte[] REVIEW_COST = ascii("reviewCostUsd");
    private static final Decision[] DECISIONS = Decision.values();
    private static final Vote[] VOTES = Vote.values();
    private static final Verdict[] LABEL_VERDICTS = Verdict.values();
    private static final StrategyName[] STRATEGIES = StrategyName.values();
    private static final byte[][] DECISION_NAMES = names(DECISIONS);
    private static final byte[][] VOTE_NAMES = names(VOTES);
    private static final byte[][] VERDICT_NAMES = names(LABEL_VERDICTS);
    private static final byte[][] STRATEGY_IDS = Arrays.stream(STRATEGIES).map(strategy -> ascii(strategy.id()))
            .toArray(byte[][]::new);

    private final JsonCursor json = new JsonCursor();

    static void requireKnownRevision(String payloadType, String revision) {
        boolean known = TASK_VERIFIED.equals(payloadType) ? "1".equals(revision) || "2".equals(revision)
                : "1".equals(revision);
        if (!known) {
            throw new IllegalStateException("revision " + revision + " of " + payloadType + " is unknown to the "
                    + "simulation replay; it reads revisions " + (TASK_VERIFIED.equals(payloadType) ? "1 and 2" : "1"));
        }
    }

    RecordedTask decision(byte[] payload, boolean disagreed, RecordedLabel label) {
        JsonCursor in = json.reset(payload);
        in.beginObject();
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
        while (in.nextField()) {
            if (in.nameIs(TASK_ID)) {
                taskId = in.stringValue();
            } else if (in.nameIs(VERIFIED_AT)) {
                verifiedAt = instant(in);
            } else if (in.nameIs(POLICY_VERSION)) {
                policyVersion = in.longValue();
            } else if (in.nameIs(CONTROL_GROUP)) {
                controlGroup = in.booleanValue();
            } else if (in.nameIs(DECISION)) {
                decision = DECISIONS[known(in.stringValueIn(DECISION_NAMES), "decision")];
            } else if (in.nameIs(VERDICTS)) {
                verdicts = in.nullValue() ? List.of() : verdicts(in);
            } else if (in.nameIs(SHADOW_RISKS)) {
                shadowRisks = in.nullValue() ? Map.of() : risks(in);
            } else if (in.nameIs(LLM_COST)) {
                llmCost = in.doubleValue();
            } else if (in.nameIs(VERIFICATION_COST)) {
                verificationCost = in.doubleValue();
            } else if (in.nameIs(DECISION_MICROS)) {
                decisionMicros = in.longValue();
            } else if (in.nameIs(HARD_CAP)) {
                hardCapped = !in.nullValue();
                if (hardCapped) {
                    in.skipValue();
                }
            } else {
                in.skipValue();
            }
        }
        if (taskId == null || verifiedAt == null || decision == null) {
            throw new IllegalStateException("a stored TaskVerified lacks its taskId, verifiedAt or decision");
        }
        return new RecordedTask(taskId, verifiedAt, policyVersion, controlGroup, decision, verdicts, shadowRisks,
                llmCost, verificationCost, decisionMicros, hardCapped, disagreed, label);
    }

    /** Gives {@code index} the label's verdict and review cost. */
    void label(byte[] payload, String aggregateIdentifier, TaskLabelIndex index) {
        JsonCursor in = json.reset(payload);
        in.beginObject();
        Verdict verdict = null;
        double reviewCost = 0;
        while (in.nextField()) {
            if (in.nameIs(VERDICT)) {
                verdict = LABEL_VERDICTS[known(in.stringValueIn(VERDICT_NAMES), "verdict")];
            } else if (in.nameIs(REVIEW_COST)) {
                reviewCost = in.doubleValue();
            } else {
                in.skipValue();
            }
        }
        if (verdict == null) {
            throw new IllegalStateException("a stored TaskLabelled lacks its verdict");
        }
        index.label(aggregateIdentifier, verdict, reviewCost);
    }

    private static List<StrategyVerdict> verdicts(JsonCursor in) {
        List<StrategyVerdict> verdicts = new ArrayList<>(3);
        in.beginArray();
        while (in.nextElement()) {
            in.beginObject();
            StrategyName strategy = null;
            Double score = null;
            Vote vote = null;
            long latencyMicros = 0;
            double cost = 0;
            boolean timedOut = false;
            boolean failed = false;
            String modelVersion = null;
            while (in.nextField()) {
                if (in.nameIs(STRATEGY)) {
                    strategy = STRATEGIES[known(in.stringValueIn(STRATEGY_IDS), "strategy")];
                } else if (in.nameIs(SCORE)) {
                    score = in.nullValue() ? null : in.doubleValue();
                } else if (in.nameIs(VOTE)) {
                    vote = VOTES[known(in.stringValueIn(VOTE_NAMES), "vote")];
                } else if (in.nameIs(LATENCY)) {
                    latencyMicros = in.longValue();
                } else if (in.nameIs(COST)) {
                    cost = in.doubleValue();
                } else if (in.nameIs(TIMED_OUT)) {
                    timedOut = in.booleanValue();
                } else if (in.nameIs(FAILED)) {
                    failed = in.booleanValue();
                } else if (in.nameIs(MODEL_VERSION)) {
                    modelVersion = in.nullValue() ? null : in.stringValue();
                } else {
                    in.skipValue();
                }
            }
            verdicts.add(new StrategyVerdict(strategy, score, vote, latencyMicros, cost, timedOut, failed,
                    modelVersion));
        }
        return verdicts;
    }

    private static Map<String, Double> risks(JsonCursor in) {
        Map<String, Double> risks = new HashMap<>(4);
        in.beginObject();
        while (in.nextField()) {
            risks.put(in.name(), in.doubleValue());
        }
        return risks;
    }

    /** The value's index among the known names; an unknown one is refused: the replay would misread it. */
    private static int known(int index, String field) {
        if (index < 0) {
            throw new IllegalStateException("a stored task event has an unknown " + field);
        }
        return index;
    }

    /** ISO-8601 as the application writes it, or decimal epoch seconds as a mapper writing timestamps would. */
    private static Instant instant(JsonCursor in) {
        if (!in.atNumber()) {
            return isoInstant(in.stringValue());
        }
        BigDecimal seconds = new BigDecimal(in.numberText());
        long nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds.longValue(), nanos);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form Jackson writes an {@code Instant} in, read without the
     * general formatter (a tenth of its time, and it is one field of every decision); anything else goes to
     * {@link Instant#parse}.
     */
    static Instant isoInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return Instant.parse(text);
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return Instant.parse(text);
            }
            int digits = length - 21;
            int fraction = digits(text, 20, length - 1);
            if (digits == 0 || fraction < 0) {
                return Instant.parse(text);
            }
            nanos = fraction;
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> ascii(value.name())).toArray(byte[][]::new);
    }
}
