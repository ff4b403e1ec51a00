package io.flk.domain.verification.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.strategy.MicroVoteModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicroVoteArtifactTest {

    private static final List<LabelledAnswer> TRAIN = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.TRAIN)
            .subList(0, 80);
    private static final MicroVoteModel MODEL = MicroVoteTrainer.train(TRAIN, 42);

    @Test
    void aStoredModelLoadsAsTheSameVersionWithTheSamePredictions() {
        MicroVoteArtifact artifact = MicroVoteArtifact.of(MODEL);

        MicroVoteModel loaded = artifact.load();

        assertThat(artifact.version()).isEqualTo(MODEL.version());
        assertThat(artifact.sha256()).matches("[0-9a-f]{64}");
        assertThat(loaded.version()).isEqualTo(MODEL.version());
        for (LabelledAnswer answer : TRAIN) {
            Map<String, Double> features = AnswerFeatures.extract(answer.input());
            assertThat(loaded.probabilityGrounded(features)).isEqualTo(MODEL.probabilityGrounded(features));
        }
    }

    @Test
    void anArtifactHoldsNoTextOfItsTrainingPairs() {
        String bytes = new String(MicroVoteArtifact.of(MODEL).bytes(), StandardCharsets.ISO_8859_1);

        // Short answers ("no", "1987") occur by chance in any binary; whole sentences would not.
        List<String> texts = TRAIN.stream()
                .flatMap(answer -> java.util.stream.Stream.of(answer.input().answer(), answer.input().prompt(),
                        answer.input().sources().get(0).text()))
                .filter(text -> text.length() >= 20)
                .toList();

        assertThat(texts).hasSizeGreaterThan(100);
        assertThat(texts).noneMatch(bytes::contains);
    }

    @Test
    void oneChangedByteIsRefusedBeforeAnythingIsRead() {
        MicroVoteArtifact artifact = MicroVoteArtifact.of(MODEL);
        byte[] bytes = artifact.bytes();
        bytes[bytes.length / 2] ^= 1;

        assertThatThrownBy(() -> new MicroVoteArtifact(artifact.version(), bytes, artifact.sha256()).load())
                .isInstanceOf(MicroVoteArtifact.Unusable.class)
                .hasMessageContaining(artifact.version()).hasMessageContaining("do not match their SHA-256");
    }

    @Test
    void bytesOfAnotherClassAreRefusedEvenWithAMatchingHash() throws Exception {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(buffer)) {
            out.writeObject(new javax.management.AttributeList());
        }
        byte[] foreign = buffer.toByteArray();

        assertThatThrownBy(() -> new MicroVoteArtifact("mv-000000000000", foreign, MicroVoteArtifact.sha256(foreign))
                .load())
                .isInstanceOf(MicroVoteArtifact.Unusable.class).hasMessageContaining("cannot be read");
    }
}
