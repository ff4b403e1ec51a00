package io.flk.domain.hrs;

import java.time.Instant;
import java.util.List;

/**
 * Everything a registered HRS version is: what it was trained on, how, how well, and the proof of its bytes.
 * The artifact itself is stored in PostgreSQL, identified by SHA-256 and signed with Ed25519 over
 * {@code ArtifactSignature.message(tenant, version, sha256)}.
 *
 * @param algorithm    the chosen candidate as it trained, e.g. {@code tribuo-logistic-regression}
 * @param calibration  {@code platt} or {@code isotonic}, chosen by Brier score
 * @param signingKeyId SHA-256 (hex) of the X.509 encoding of the public key that verifies the signature
 * @param dataDigest   SHA-256 over the training rows' event references (global indexes), so that the data can be
 *                     rebuilt from the event log and checked
 */
public record RegisteredModel(String modelVersion, TrainingId trainingId, String algorithm, String calibration,
                              String artifactSha256, String signature, String signingKeyId,
                              List<String> featureSchema, Instant windowFrom, Instant windowTo, long seed,
                              int trainingRows, int validationRows, int testRows, String dataDigest,
                              List<CandidateResult> candidates, ModelMetrics metrics) {

    public RegisteredModel {
        featureSchema = List.copyOf(featureSchema);
        candidates = List.copyOf(candidates);
    }
}
