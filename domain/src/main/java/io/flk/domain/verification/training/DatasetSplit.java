package io.flk.domain.verification.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where an item goes, fixed by the SHA-256 of its id: 60 % train (fits models), 20 % calibration (Platt
 * scaling, threshold and policy tuning), 20 % evaluation (reported, never tuned on). Hashing rather than file
 * order keeps the split stable when items are added and independent of any seed.
 */
public enum DatasetSplit {
    TRAIN,
    CALIBRATION,
    EVALUATION;

    public static DatasetSplit of(String itemId) {
        double bucket = bucket(itemId);
        if (bucket < 0.6) {
            return TRAIN;
        }
        return bucket < 0.8 ? CALIBRATION : EVALUATION;
    }

    private static double bucket(String itemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            for (int i = 0; i < 7; i++) {
                high = (high << 8) | (digest[i] & 0xff);
            }
            return (double) high / (1L << 56);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }
}
