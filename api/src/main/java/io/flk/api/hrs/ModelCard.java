package io.flk.api.hrs;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import java.time.Instant;
import java.util.List;

/**
 * What a person needs to judge one HRS version: what it is for and not for, what it learnt from, how well it did
 * offline and live, whether it may decide tasks, and the proof of its bytes. The JSON body of
 * {@code GET /api/v1/tenants/{t}/hrs/versions/{v}/card}; {@link ModelCardPage} renders it for people.
 *
 * @param role              the version's place in the routing now, or {@code null} when it is not routed
 * @param refusal           why its artifact was refused on load, or {@code null}
 * @param onlinePerformance how it scored labelled live tasks, or {@code null} before it scored any
 */
public record ModelCard(String tenantId, String modelVersion, String registeredBy, Instant registeredAt,
                        RoutingRole role, String refusal, String algorithm, String calibration,
                        List<CandidateResult> candidates, List<String> featureSchema, DataProvenance data,
                        ArtifactProof artifact, ModelMetrics offlineMetrics, Eligibility eligibility,
                        HrsVersionPerformance onlinePerformance, String intendedUse, List<String> limitations) {

    static final String INTENDED_USE = "The Hallucination Risk Score (HRS) estimates the calibrated probability that "
            + "an LLM answer is a hallucination, from PI-safe numeric features of the task (never its text). It is "
            + "one vote of the tenant's verification ensemble, which decides whether the answer passes or is "
            + "escalated to a human; it is not meant to decide alone.";

    static final List<String> LIMITATIONS = List.of(
            "Trained on one tenant's labelled tasks within the data window shown; behaviour outside that window "
                    + "(new models, prompts or traffic) is not measured here.",
            "Labels come from resolved escalations and sampled reviews of passed tasks, so they over-represent "
                    + "tasks that were escalated: the training data is biased toward the cases the ensemble "
                    + "already found risky.",
            "Not validated on other tenants or domains; do not reuse the version elsewhere without a new training.",
            "Offline metrics are measured on a held-out split of the same window, not on later traffic; the online "
                    + "performance is the live check.");

    public ModelCard {
        candidates = List.copyOf(candidates);
        featureSchema = List.copyOf(featureSchema);
        limitations = List.copyOf(limitations);
    }

    public static ModelCard of(HrsModelVersionView view, HrsVersionPerformance online, EligibilityGates gates) {
        RegisteredModel model = view.model();
        return new ModelCard(view.tenantId(), model.modelVersion(), view.registeredBy(), view.registeredAt(),
                view.role(), view.refusal(), model.algorithm(), model.calibration(), model.candidates(),
                model.featureSchema(), DataProvenance.of(model), ArtifactProof.of(model), model.metrics(),
                Eligibility.of(gates, model.metrics()), online, INTENDED_USE, LIMITATIONS);
    }

    /** Where the training data came from, so that it can be rebuilt from the event log and checked. */
    public record DataProvenance(Instant windowFrom, Instant windowTo, long seed, int trainingRows,
                                 int validationRows, int testRows, String dataDigest) {

        static DataProvenance of(RegisteredModel model) {
            return new DataProvenance(model.windowFrom(), model.windowTo(), model.seed(), model.trainingRows(),
                    model.validationRows(), model.testRows(), model.dataDigest());
        }
    }

    /** @param signingKeyId SHA-256 (hex) of the public key that verifies {@code signature} */
    public record ArtifactProof(String sha256, String signature, String signingKeyId) {

        static ArtifactProof of(RegisteredModel model) {
            return new ArtifactProof(model.artifactSha256(), model.signature(), model.signingKeyId());
        }
    }

    /** Whether the offline metrics reach the bar a deciding role (champion or challenger) requires. */
    public record Eligibility(boolean eligible, double rocAuc, double minRocAuc, double ece, double maxEce) {

        static Eligibility of(EligibilityGates gates, ModelMetrics metrics) {
            return new Eligibility(gates.admits(metrics), metrics.rocAuc(), gates.minRocAuc(), metrics.ece(),
                    gates.maxEce());
        }
    }
}
