package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.verification.MicroVoteTrainingRequests.HALUEVAL_TRAIN;
import static io.flk.api.verification.MicroVoteTrainingRequests.MODELS;
import static io.flk.api.verification.MicroVoteTrainingRequests.training;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.MICRO_VOTE_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.training.LabelledAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may train and list micro-vote models, and what a bad training request gets. Nothing here trains: the
 * shared application keeps its bundled model (training is proven in {@link MicroVoteModelLifecycleApiTest}).
 */
class MicroVoteModelApiTest extends ApiTestSupport {

    /** Both answers of 15 questions: a valid request of 30 pairs. */
    private static final List<LabelledAnswer> THIRTY = HALUEVAL_TRAIN.subList(0, 30);

    @Test
    void tenantsAndAuditorsCannotTrain() {
        for (String user : List.of(TENANT_ACME, AUDITOR, APPROVER)) {
            assertProblem(as(user).post(MODELS, training(THIRTY, 42)), 403, "forbidden", null);
        }
        assertThat(anonymous().post(MODELS, training(THIRTY, 42)).status()).isEqualTo(401);
        assertNothingRecorded();
    }

    @Test
    void operatorsAndAuditorsListTheModelsAndSeeWhichOneIsLive() {
        for (String user : List.of(OPERATOR, AUDITOR)) {
            HttpJson.Response listed = as(user).get(MODELS);

            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().get("live").asText()).matches("mv-[0-9a-f]{12}");
            assertThat(listed.json().get("trainings").isArray()).isTrue();
        }
        assertProblem(as(TENANT_ACME).get(MODELS), 403, "forbidden", null);
    }

    @Test
    void fewerThanTwentyPairsAreRefusedNamingThePairs() {
        assertProblem(as(OPERATOR).post(MODELS, training(THIRTY.subList(0, 19), 42)), 400, "invalid-field", "pairs");
        assertNothingRecorded();
    }

    @Test
    void pairsOfASingleClassAreRefusedNamingThePairs() {
        List<LabelledAnswer> groundedOnly = HALUEVAL_TRAIN.stream().filter(answer -> !answer.hallucinated())
                .limit(25).toList();

        HttpJson.Response refused = as(OPERATOR).post(MODELS, training(groundedOnly, 42));

        assertProblem(refused, 400, "invalid-field", "pairs");
        assertThat(refused.json().get("detail").asText()).contains("0 hallucinated");
        assertNothingRecorded();
    }

    @Test
    void aBlankAnswerIsRefusedNamingIt() {
        String blank = training(THIRTY, 42, pairs -> ((ObjectNode) pairs.get(4)).put("answer", "  "));

        assertProblem(as(OPERATOR).post(MODELS, blank), 400, "invalid-field", "pairs[4].answer");
        assertNothingRecorded();
    }

    @Test
    void moreThanAHundredSourcesInAPairAreRefusedNamingThem() {
        String tooMany = training(THIRTY, 42, pairs -> {
            ArrayNode sources = ((ObjectNode) pairs.get(7)).putArray("sources");
            for (int i = 0; i <= 100; i++) {
                sources.addObject().put("id", "s" + i).put("text", "passage number " + i);
            }
        });

        assertProblem(as(OPERATOR).post(MODELS, tooMany), 400, "invalid-field", "pairs[7].sources");
        assertNothingRecorded();
    }

    @Test
    void aMissingLabelOrSeedIsRefusedNamingIt() {
        String unlabelled = training(THIRTY, 42, pairs -> ((ObjectNode) pairs.get(2)).remove("hallucinated"));
        String unseeded = training(THIRTY, 42).replace("\"seed\":42,", "");

        assertProblem(as(OPERATOR).post(MODELS, unlabelled), 400, "invalid-field", "pairs[2].hallucinated");
        assertProblem(as(OPERATOR).post(MODELS, unseeded), 400, "invalid-field", "seed");
        assertNothingRecorded();
    }

    private static void assertNothingRecorded() {
        assertThat(TestDatabase.get().dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.eq(MicroVoteModelTrained.class.getName()))).isZero();
        assertThat(TestDatabase.get().dsl().fetchCount(MICRO_VOTE_ARTIFACT)).isZero();
    }
}
