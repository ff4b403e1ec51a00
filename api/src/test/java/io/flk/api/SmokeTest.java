package io.flk.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.ApiTestSupport;
import org.junit.jupiter.api.Test;

class SmokeTest extends ApiTestSupport {

    @Test
    void anOperatorRegistersATenantAndItsEscalationIsOpenedAssignedAndResolved() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"operator\"}")
                .status()).isEqualTo(200);
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"HALLUCINATION\"}")
                .status()).isEqualTo(200);
    }
}
