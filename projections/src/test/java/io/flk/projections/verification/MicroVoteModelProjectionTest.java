package io.flk.projections.verification;

import static io.flk.db.Tables.MICRO_VOTE_ARTIFACT;
import static io.flk.db.Tables.MICRO_VOTE_TRAINING;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.MicroVoteModelQueries.FetchMicroVoteModels;
import io.flk.domain.verification.MicroVoteModelQueries.MicroVoteModelView;
import io.flk.domain.verification.training.MicroVoteArtifact;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicroVoteModelProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final String SHA = "a".repeat(64);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MicroVoteModelProjection projection = new MicroVoteModelProjection(dsl);
    private final MicroVoteArtifactStore store = new MicroVoteArtifactStore(dsl);

    @BeforeEach
    void empty() {
        dsl.truncate(MICRO_VOTE_TRAINING).execute();
        dsl.truncate(MICRO_VOTE_ARTIFACT).execute();
    }

    @Test
    void trainingsAreListedNewestFirstAndARedeliveredEventIsListedOnce() {
        EventMessage<MicroVoteModelTrained> first = trained("mv-000000000001", AT);
        EventMessage<MicroVoteModelTrained> second = trained("mv-000000000002", AT.plusSeconds(60));

        projection.on(first.getPayload(), first);
        projection.on(second.getPayload(), second);
        projection.on(second.getPayload(), second);

        List<MicroVoteModelView> listed = projection.handle(new FetchMicroVoteModels()).trainings();
        assertThat(listed).extracting(MicroVoteModelView::modelVersion)
                .containsExactly("mv-000000000002", "mv-000000000001");
        assertThat(listed.get(0)).isEqualTo(new MicroVoteModelView("mv-000000000002", 40, 20, 8, 0.9, 0.85, 42, SHA,
                "operator", AT.plusSeconds(60)));
    }

    @Test
    void theArtifactStoredLastIsTheLatestAndStoringAVersionAgainReplacesIt() {
        MicroVoteArtifact older = new MicroVoteArtifact("mv-000000000001", new byte[] {1, 2}, SHA);
        MicroVoteArtifact newer = new MicroVoteArtifact("mv-000000000002", new byte[] {3}, "b".repeat(64));

        store.save(older, AT);
        store.save(newer, AT.plusSeconds(60));
        assertThat(store.latest()).get().extracting(MicroVoteArtifact::version).isEqualTo("mv-000000000002");

        store.save(older, AT.plusSeconds(120));
        MicroVoteArtifact latest = store.latest().orElseThrow();
        assertThat(latest.version()).isEqualTo("mv-000000000001");
        assertThat(latest.bytes()).containsExactly(1, 2);
        assertThat(latest.sha256()).isEqualTo(SHA);
        assertThat(dsl.fetchCount(MICRO_VOTE_ARTIFACT)).isEqualTo(2);
    }

    @Test
    void aResetEmptiesTheListButKeepsTheArtifacts() {
        EventMessage<MicroVoteModelTrained> event = trained("mv-000000000001", AT);
        projection.on(event.getPayload(), event);
        store.save(new MicroVoteArtifact("mv-000000000001", new byte[] {1}, SHA), AT);

        projection.reset();

        assertThat(projection.handle(new FetchMicroVoteModels()).trainings()).isEmpty();
        assertThat(store.latest()).isPresent();
    }

    private static EventMessage<MicroVoteModelTrained> trained(String version, Instant at) {
        return GenericEventMessage.asEventMessage(new MicroVoteModelTrained(version, 40, 20, 8, 0.9, 0.85, 42, SHA,
                "operator", at));
    }
}
