package io.flk.domain.verification.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.verification.Decision;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class TaskVerifiedShadowRisksUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void revisionOneDecisionReadsAsRevisionTwoWithNoShadowScores() throws IOException {
        IntermediateEventRepresentation upcast = upcast(fixture("task-verified-revision-1.json"), "1");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        TaskVerified verified = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.getData(byte[].class).getData(), byte[].class, upcast.getType()));
        assertThat(verified.hrsShadowRisks()).isEmpty();
        assertThat(verified.taskId()).isEqualTo("t-000123");
        assertThat(verified.decision()).isEqualTo(Decision.PASS);
        assertThat(verified.modelVersions()).containsEntry("hrs", "hrs-1");
        assertThat(verified.verifiedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void revisionTwoIsLeftAsItIs() throws IOException {
        byte[] revisionTwo = fixture("task-verified-revision-1.json").replace("\"budgetHardCap\":null",
                "\"budgetHardCap\":null,\"hrsShadowRisks\":{\"hrs-2\":0.4}").getBytes(StandardCharsets.UTF_8);
        IntermediateEventRepresentation upcast = upcast(new String(revisionTwo, StandardCharsets.UTF_8), "2");

        TaskVerified verified = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.getData(byte[].class).getData(), byte[].class, upcast.getType()));
        assertThat(verified.hrsShadowRisks()).isEqualTo(Map.of("hrs-2", 0.4));
    }

    private IntermediateEventRepresentation upcast(String payload, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("VerifiedTask", "task:acme:t-000123", 0,
                "event-1", Instant.parse("2026-11-01T10:00:00Z"), TaskVerified.class.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new TaskVerifiedShadowRisksUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).collect(Collectors.toList());
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType()).isEqualTo(new SimpleSerializedType(TaskVerified.class.getName(),
                upcast.get(0).getType().getRevision()));
        return upcast.get(0);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TaskVerifiedShadowRisksUpcasterTest.class.getResourceAsStream("/upcasting/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
