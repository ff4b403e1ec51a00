package io.flk.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The language-neutral recipe of the audit hash chain, so that an auditor can recompute it with
 * standard tools (psql and sha256sum):
 *
 * <pre>
 * payload_sha256 = lower-hex SHA-256 of the stored payload bytes
 * hash           = lower-hex SHA-256 of the UTF-8 text
 *                  prev_hash \n global_index \n event_id \n event_type \n aggregate_id \n time_stamp \n payload_sha256
 *                  (seven fields joined by a single line feed, no trailing line feed; global_index in decimal)
 * prev_hash      = the hash of the previous link in chain_position order; 64 zeros for the first
 * </pre>
 */
public final class AuditChainRecipe {

    public static final String GENESIS_HASH = "0".repeat(64);

    private AuditChainRecipe() {
    }

    public static String payloadSha256(byte[] payload) {
        return sha256Hex(payload);
    }

    public static String linkHash(String prevHash, long globalIndex, String eventId, String eventType,
                                  String aggregateId, String timeStamp, String payloadSha256) {
        String text = String.join("\n", prevHash, Long.toString(globalIndex), eventId, eventType,
                aggregateId, timeStamp, payloadSha256);
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
