package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic assignment to the control group: the same tenant and task id always land in the same
 * group, so a retried task is judged by the same rules, and shares are uniform because the bucket comes
 * from a cryptographic hash.
 */
public final class ControlGroup {

    private ControlGroup() {
    }

    public static boolean isControl(TenantId tenantId, String taskId, double controlShare) {
        return controlShare > 0 && bucket(tenantId, taskId) < controlShare;
    }

    /**
     * A number in [0, 1) fixed by the tenant and task id. Built from 53 bits, which a double holds exactly: more
     * bits could round up to 1.0, and a share of 1 (a canary on all traffic) must take every task.
     */
    public static double bucket(TenantId tenantId, String taskId) {
        byte[] digest = sha256(tenantId.value() + "\u0000" + taskId);
        long high = 0;
        for (int i = 0; i < 7; i++) {
            high = (high << 8) | (digest[i] & 0xff);
        }
        return (double) (high >>> 3) / (1L << 53);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }
}
