package io.flk.api.verification;

/** Request bodies for the verification API, with answers whose grounding is obvious to any strategy. */
public final class VerificationRequests {

    static final String SOURCE = "The Eiffel Tower was completed in 1889 for the World's Fair in Paris. "
            + "It is 330 metres tall and was designed by the engineering company of Gustave Eiffel.";
    public static final String GROUNDED = "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.";
    public static final String HALLUCINATED = "Napoleon Bonaparte ordered the Colosseum in Rome to be rebuilt in 1642 "
            + "by Venetian shipwrights using 7000 tonnes of marble.";

    /**
     * Votes by rag-grounding alone (rule-based, so the outcome does not depend on trained models), with a timeout no
     * test machine's pauses reach: a timed-out vote would escalate a task that the tests expect to pass.
     */
    static final String RAG_ONLY_POLICY = """
            {"treatment":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "baseline":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "controlShare":%s,"reason":"tests decide by grounding"}
            """;

    /** HRS alone decides, with a timeout no test machine's load reaches, so that every task records its version. */
    public static final String HRS_ONLY_POLICY = """
            {"treatment":{"strategies":{"hrs":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.99},
             "baseline":{"strategies":{"hrs":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.99},
             "controlShare":0,"reason":"tests route by HRS alone"}
            """;

    private VerificationRequests() {
    }

    public static String ragOnlyPolicy(double controlShare) {
        return RAG_ONLY_POLICY.formatted(controlShare);
    }

    public static String verification(String tenantId, String taskId, String answer) {
        return """
                {"tenantId":"%s","taskId":"%s","model":"gpt-4o-2024-08-06",
                 "prompt":"When was the Eiffel Tower completed?","answer":"%s",
                 "sources":[{"id":"s1","text":"%s"}],
                 "citations":[{"sentence":0,"sourceId":"s1"}],
                 "features":{"logprobMean":-0.41,"temperature":0.7},"llmCostUsd":0.002}
                """.formatted(tenantId, taskId, answer, SOURCE);
    }
}
