package io.flk.commands.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.MicroVoteModelCommands.TrainMicroVoteModel;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.strategy.LiveMicroVoteModels;
import io.flk.domain.verification.strategy.MicroVoteModel;
import io.flk.domain.verification.training.DatasetSplit;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledPair;
import io.flk.domain.verification.training.MicroVoteArtifact;
import io.flk.domain.verification.training.MicroVoteArtifacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner on a real Axon command bus and event bus, so that units of work commit or roll back as in the app. */
class MicroVoteTrainingRunnerTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    /** Both answers of 30 HaluEval questions. */
    private static final List<LabelledPair> PAIRS = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.TRAIN)
            .subList(0, 60).stream()
            .map(answer -> new LabelledPair(answer.input().prompt(), answer.input().answer(), answer.input().sources(),
                    answer.hallucinated()))
            .toList();
    private static final MicroVoteModel BUNDLED = new MicroVoteModel() {
        @Override
        public String version() {
            return "mv-bundled0000";
        }

        @Override
        public double probabilityGrounded(Map<String, Double> features) {
            return 0.5;
        }
    };

    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final StoredArtifacts artifacts = new StoredArtifacts();
    private final LiveMicroVoteModels live = new LiveMicroVoteModels(BUNDLED);
    private SimpleCommandBus commandBus;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        SimpleEventBus events = SimpleEventBus.builder().build();
        events.subscribe(recorded::addAll);
        commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new MicroVoteTrainingRunner(artifacts, live, events)).subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @Test
    void trainingRecordsTheVersionItsHoldoutFiguresAndTheArtifactHashButNoText() {
        MicroVoteModelTrained trained = commands.sendAndWait(new TrainMicroVoteModel(PAIRS, 42, "operator", AT));

        assertThat(recordedPayloads()).containsExactly(trained);
        assertThat(trained.modelVersion()).matches("mv-[0-9a-f]{12}");
        assertThat(trained.rows()).isEqualTo(60);
        assertThat(trained.hallucinatedRows()).isEqualTo(30);
        assertThat(trained.holdoutRows()).isEqualTo(12);
        assertThat(trained.holdoutAuc()).isBetween(0.5, 1.0);
        assertThat(trained.holdoutAccuracy()).isBetween(0.0, 1.0);
        assertThat(trained.seed()).isEqualTo(42);
        assertThat(trained.trainedBy()).isEqualTo("operator");
        assertThat(trained.at()).isEqualTo(AT);
        assertThat(trained.artifactSha256()).isEqualTo(artifacts.latest().orElseThrow().sha256());
        assertThat(PAIRS).noneMatch(pair -> trained.toString().contains(pair.answer())
                || trained.toString().contains(pair.prompt()));
    }

    @Test
    void theTrainedModelIsStoredAndServesOnceTheCommandCommitted() {
        MicroVoteModelTrained trained = commands.sendAndWait(new TrainMicroVoteModel(PAIRS, 42, "operator", AT));

        assertThat(live.current().version()).isEqualTo(trained.modelVersion());
        assertThat(artifacts.latest().orElseThrow().load().version()).isEqualTo(trained.modelVersion());
        assertThat(artifacts.trainedAt).containsExactly(AT);
    }

    @Test
    void theSamePairsAndSeedTrainTheSameVersionAndEachTrainingIsRecorded() {
        List<LabelledPair> reordered = new ArrayList<>(PAIRS.subList(30, 60));
        reordered.addAll(PAIRS.subList(0, 30));

        MicroVoteModelTrained first = commands.sendAndWait(new TrainMicroVoteModel(PAIRS, 42, "operator", AT));
        MicroVoteModelTrained again = commands.sendAndWait(new TrainMicroVoteModel(reordered, 42, "operator-2",
                AT.plusSeconds(60)));
        MicroVoteModelTrained otherSeed = commands.sendAndWait(new TrainMicroVoteModel(PAIRS, 7, "operator", AT));

        assertThat(again.modelVersion()).isEqualTo(first.modelVersion());
        assertThat(again.holdoutAuc()).isEqualTo(first.holdoutAuc());
        assertThat(otherSeed.modelVersion()).isNotEqualTo(first.modelVersion());
        assertThat(recordedPayloads()).containsExactly(first, again, otherSeed);
    }

    @Test
    void tooFewPairsAreRefusedAndNothingIsRecordedOrActivated() {
        assertThatThrownBy(() -> commands.sendAndWait(new TrainMicroVoteModel(PAIRS.subList(0, 19), 42, "operator", AT)))
                .isInstanceOfSatisfying(InvalidValue.class, invalid -> assertThat(invalid.field()).isEqualTo("pairs"));

        assertNothingHappened();
    }

    @Test
    void pairsOfASingleClassAreRefusedAndNothingIsRecordedOrActivated() {
        List<LabelledPair> hallucinatedOnly = PAIRS.stream().filter(LabelledPair::hallucinated).toList();

        assertThatThrownBy(() -> commands.sendAndWait(new TrainMicroVoteModel(hallucinatedOnly, 42, "operator", AT)))
                .isInstanceOfSatisfying(InvalidValue.class, invalid -> assertThat(invalid.field()).isEqualTo("pairs"))
                .hasMessageContaining("0 grounded");

        assertNothingHappened();
    }

    @Test
    void aCommitThatFailsLeavesThePreviousModelServing() {
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.onPrepareCommit(failing -> {
                throw new IllegalStateException("the event store is unreachable");
            });
            return chain.proceed();
        });

        assertThatThrownBy(() -> commands.sendAndWait(new TrainMicroVoteModel(PAIRS, 42, "operator", AT)))
                .hasMessageContaining("unreachable");

        assertThat(recorded).isEmpty();
        assertThat(live.current()).isSameAs(BUNDLED);
    }

    private void assertNothingHappened() {
        assertThat(recorded).isEmpty();
        assertThat(artifacts.latest()).isEmpty();
        assertThat(live.current()).isSameAs(BUNDLED);
    }

    private List<Object> recordedPayloads() {
        return recorded.stream().<Object>map(EventMessage::getPayload).toList();
    }

    private static final class StoredArtifacts implements MicroVoteArtifacts {

        private final List<MicroVoteArtifact> stored = new ArrayList<>();
        private final List<Instant> trainedAt = new ArrayList<>();

        @Override
        public void save(MicroVoteArtifact artifact, Instant at) {
            stored.add(artifact);
            trainedAt.add(at);
        }

        @Override
        public Optional<MicroVoteArtifact> latest() {
            return stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1));
        }
    }
}
