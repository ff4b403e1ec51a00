package io.flk.api.hrs;

import io.flk.domain.hrs.EligibilityGates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flk.hrs.*}: the HRS lifecycle's knobs.
 *
 * @param promotionTtl      how long a promotion request waits for an approver
 * @param gates             offline metrics a version needs before it may decide tasks
 * @param signing           the Ed25519 key that signs artifacts
 * @param retraining        the scheduled retraining (never promotes)
 * @param trainingLeaseTtl  how long a training may hold its tenant's lease; a crashed instance's lease lapses
 * @param routingCacheTtl   how soon another instance's routing change reaches this one
 * @param orphanCheckInterval how often trainings whose instance stopped are looked for and ended
 */
@ConfigurationProperties("flk.hrs")
public record HrsProperties(Duration promotionTtl, Gates gates, Signing signing, Retraining retraining,
                            Duration trainingLeaseTtl, Duration routingCacheTtl, Duration orphanCheckInterval) {

    public HrsProperties {
        promotionTtl = promotionTtl == null ? Duration.ofHours(72) : promotionTtl;
        gates = gates == null ? new Gates(null, null) : gates;
        signing = signing == null ? new Signing(null, null, null, null) : signing;
        retraining = retraining == null ? new Retraining(null, null, null, null, null) : retraining;
        trainingLeaseTtl = trainingLeaseTtl == null ? Duration.ofHours(2) : trainingLeaseTtl;
        routingCacheTtl = routingCacheTtl == null ? Duration.ofSeconds(10) : routingCacheTtl;
        orphanCheckInterval = orphanCheckInterval == null ? Duration.ofMinutes(5) : orphanCheckInterval;
    }

    public record Gates(Double minRocAuc, Double maxEce) {

        public EligibilityGates eligibility() {
            EligibilityGates defaults = EligibilityGates.defaults();
            return new EligibilityGates(minRocAuc == null ? defaults.minRocAuc() : minRocAuc,
                    maxEce == null ? defaults.maxEce() : maxEce);
        }
    }

    /**
     * @param privateKey     base64 PKCS#8 Ed25519 private key; with {@code publicKey}, takes precedence over the file
     * @param publicKey      base64 X.509 Ed25519 public key
     * @param keyFile        where the embedded default keeps the key pair it generates on first start
     * @param trustedKeys    further base64 X.509 public keys whose signatures still verify (after a key rotation)
     */
    public record Signing(String privateKey, String publicKey, Path keyFile, List<String> trustedKeys) {

        public Signing {
            keyFile = keyFile == null ? Path.of("./data/hrs-signing-key") : keyFile;
            trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
        }
    }

    /**
     * @param cron       db-scheduler cron (UTC); {@code -} turns the schedule off
     * @param window     how far back the labelled tasks of a scheduled training reach
     * @param candidates candidate ids every scheduled training tries
     */
    public record Retraining(String cron, Duration window, List<String> candidates, Long seed, Integer minRows) {

        public Retraining {
            cron = cron == null ? "0 0 3 * * *" : cron;
            window = window == null ? Duration.ofDays(30) : window;
            candidates = candidates == null ? List.of("logistic-regression", "gradient-boosted-trees")
                    : List.copyOf(candidates);
            seed = seed == null ? 42L : seed;
            minRows = minRows == null ? 200 : minRows;
        }
    }
}
