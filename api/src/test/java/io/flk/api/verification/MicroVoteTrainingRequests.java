package io.flk.api.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.training.DatasetSplit;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledAnswer;
import java.util.List;
import java.util.function.Consumer;

/** Bodies for {@code POST /api/v1/strategies/micro-vote/models}, built from the bundled HaluEval pairs. */
final class MicroVoteTrainingRequests {

    static final String MODELS = "/api/v1/strategies/micro-vote/models";
    /** Both answers of every question of the HaluEval train split (about 600 pairs, about 330 KB). */
    static final List<LabelledAnswer> HALUEVAL_TRAIN = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.TRAIN);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MicroVoteTrainingRequests() {
    }

    static String training(List<LabelledAnswer> answers, long seed) {
        return training(answers, seed, pairs -> { });
    }

    /** The request, after {@code edit} changed its pairs (to make one of them bad). */
    static String training(List<LabelledAnswer> answers, long seed, Consumer<ArrayNode> edit) {
        ObjectNode body = JSON.createObjectNode().put("seed", seed);
        ArrayNode pairs = body.putArray("pairs");
        for (LabelledAnswer answer : answers) {
            ObjectNode pair = pairs.addObject()
                    .put("prompt", answer.input().prompt())
                    .put("answer", answer.input().answer())
                    .put("hallucinated", answer.hallucinated());
            ArrayNode sources = pair.putArray("sources");
            for (SourcePassage source : answer.input().sources()) {
                sources.addObject().put("id", source.id()).put("text", source.text());
            }
        }
        edit.accept(pairs);
        return body.toString();
    }
}
