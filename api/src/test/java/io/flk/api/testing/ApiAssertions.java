package io.flk.api.testing;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.IDEMPOTENT_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import org.jooq.impl.DSL;

/**
 * What every API test checks the same way: a refusal is RFC 9457 problem+json with a stable type and no
 * internals, and a refused request left nothing in the store.
 */
public final class ApiAssertions {

    public static final String PROBLEM_TYPE_BASE = "https://flk.dev/problems/";

    private ApiAssertions() {
    }

    /** A problem+json answer with this status, type code and blamed field (null: no field). */
    public static void assertProblem(HttpJson.Response response, int status, String type, String field) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type of %s", response)
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(response.json().path("type").asText()).as("type of %s", response)
                .isEqualTo(PROBLEM_TYPE_BASE + type);
        assertThat(response.json().path("status").asInt()).as("status member of %s", response).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).as("detail of %s", response).isNotBlank();
        if (field == null) {
            assertThat(response.json().has("field")).as("field of %s", response).isFalse();
        } else {
            assertThat(response.problemField()).as("field of %s", response).isEqualTo(field);
        }
        assertNoInternals(response);
    }

    /** No stack trace, exception class or framework package leaks into the body. */
    public static void assertNoInternals(HttpJson.Response response) {
        assertThat(response.body()).as("body of %s", response)
                .doesNotContain("Exception", "\tat ", "\"trace\"", "java.", "org.springframework", "org.axonframework",
                        "io.flk.", "SQL");
    }

    /** Events stored for one aggregate ({@code tenant:<id>} or {@code e-<uuid>}). */
    public static int eventsOf(String aggregateIdentifier) {
        return TestDatabase.get().dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq(aggregateIdentifier));
    }

    /** Events of any aggregate whose serialized payload contains {@code text} (a unique task or tenant id). */
    public static int eventsMentioning(String text) {
        return TestDatabase.get().dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                DSL.field("convert_from({0}, 'UTF8')", String.class, DOMAIN_EVENT_ENTRY.PAYLOAD).contains(text));
    }

    /** Events of one payload type whose payload contains {@code text}. */
    public static int eventsMentioning(String payloadTypeSuffix, String text) {
        return TestDatabase.get().dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.endsWith(payloadTypeSuffix)
                        .and(DSL.field("convert_from({0}, 'UTF8')", String.class, DOMAIN_EVENT_ENTRY.PAYLOAD)
                                .contains(text)));
    }

    /** Rows the idempotency store keeps for this principal and key. */
    public static int idempotentRequests(String principal, String key) {
        return TestDatabase.get().dsl().fetchCount(IDEMPOTENT_REQUEST,
                IDEMPOTENT_REQUEST.PRINCIPAL.eq(principal).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)));
    }

    /** Rows the idempotency store keeps under this key, whoever sent it. */
    public static int idempotentRequestsWithKey(String key) {
        return TestDatabase.get().dsl().fetchCount(IDEMPOTENT_REQUEST, IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key));
    }
}
