package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed verifications and policies get a problem naming the field, and nothing is recorded. */
class VerificationBadInputApiTest extends ApiTestSupport {

    private String tenant;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
    }

    private HttpJson.Response verify(String body) {
        return as(OPERATOR).post("/api/v1/verifications", body);
    }

    private void assertNothingRecorded() {
        assertThat(eventsMentioning("TaskVerified", tenant)).isZero();
    }

    @Test
    void anUnknownTenantIsRefused() {
        assertProblem(verify(verification("nobody-" + tenant, "t-1", GROUNDED)), 422, "unknown-tenant", "tenantId");
    }

    @Test
    void aMissingTenantIsRefused() {
        assertProblem(verify(verification(tenant, "t-1", GROUNDED).replace("\"tenantId\":\"" + tenant + "\",", "")),
                400, "invalid-field", "tenantId");
        assertNothingRecorded();
    }

    @Test
    void anEmptyAnswerIsRefused() {
        assertProblem(verify(verification(tenant, "t-1", "")), 400, "invalid-field", "answer");
        assertNothingRecorded();
    }

    @Test
    void aTenMegabyteAnswerIsRefusedBeforeItIsRead() {
        String huge = "a".repeat(10 * 1024 * 1024);
        HttpJson.Response response = verify(verification(tenant, "t-1", huge));
        assertThat(response.status()).isEqualTo(413);
        assertNothingRecorded();
    }

    @Test
    void tenThousandSourcesAreRefused() {
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sources.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"text\":\"x\"}");
        }
        String body = verification(tenant, "t-1", GROUNDED).replaceFirst("\"sources\":\\[[^\\]]*\\]",
                "\"sources\":[" + sources + "]");
        assertProblem(verify(body), 400, "invalid-field", "sources");
        assertNothingRecorded();
    }

    @Test
    void anInfiniteFeatureIsRefused() {
        assertProblem(verify(verification(tenant, "t-1", GROUNDED).replace("-0.41", "1e999")), 400, "invalid-field",
                "features.logprobMean");
        assertNothingRecorded();
    }

    @Test
    void aNanFeatureIsRefused() {
        HttpJson.Response response = verify(verification(tenant, "t-1", GROUNDED).replace("-0.41", "NaN"));
        assertThat(response.status()).isEqualTo(400);
        assertNothingRecorded();
    }

    @Test
    void aRepeatedSourceIdIsRefused() {
        String body = verification(tenant, "t-1", GROUNDED).replace("\"sources\":[",
                "\"sources\":[{\"id\":\"s1\",\"text\":\"again\"},");
        assertProblem(verify(body), 400, "invalid-field", "sources[1].id");
        assertNothingRecorded();
    }

    @Test
    void anInvalidTaskIdIsRefused() {
        assertProblem(verify(verification(tenant, "t 1/../x", GROUNDED)), 400, "invalid-field", "taskId");
        assertNothingRecorded();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown strategy | rag-grounding | crystal-ball | treatment.strategies",
        "a quorum (N) above the total weight (M) | \"quorum\":1 | \"quorum\":2 | treatment.quorum",
        "a negative weight | \"weight\":1 | \"weight\":-1 | treatment.strategies.rag-grounding.weight",
        "a control share above one half | \"controlShare\":0.0 | \"controlShare\":0.9 | controlShare"})
    void anInvalidPolicyIsRefusedNamingTheFieldAndRecordsNothing(String what, String valid, String invalid,
                                                                 String field) {
        HttpJson.Response response = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                VerificationRequests.ragOnlyPolicy(0).replaceFirst(valid, invalid));

        assertProblem(response, 400, "invalid-field", field);
        assertThat(eventsMentioning("EnsemblePolicyDefined", tenant)).isZero();
    }

    @Test
    void anUnknownStrategyIsNamedWithTheAcceptedOnes() {
        HttpJson.Response response = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                VerificationRequests.ragOnlyPolicy(0).replaceFirst("rag-grounding", "crystal-ball"));

        assertThat(response.body()).contains("crystal-ball").contains("rag-grounding, micro-vote, hrs");
    }
}
