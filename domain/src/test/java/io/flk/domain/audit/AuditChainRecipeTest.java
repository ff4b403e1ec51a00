package io.flk.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import org.junit.jupiter.api.Test;

class AuditChainRecipeTest {

    @Test
    void matchesTheDocumentedRecipeComputedBySha256sum() {
        // printf '%s' "{}" | sha256sum
        assertThat(AuditChainRecipe.payloadSha256("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        // printf '%s\n%s\n%s\n%s\n%s\n%s\n%s' 000...0 1 e t a ts p | sha256sum
        assertThat(AuditChainRecipe.linkHash(AuditChainRecipe.GENESIS_HASH, 1, "e", "t", "a", "ts", "p"))
                .isEqualTo(sha256Hex(AuditChainRecipe.GENESIS_HASH + "\n1\ne\nt\na\nts\np"));
    }

    @Property
    void changingAnyByteOfAPayloadChangesItsDigest(@ForAll @NotEmpty byte[] payload, @ForAll @IntRange(min = 0) int at,
                                                   @ForAll @IntRange(min = 1, max = 255) int delta) {
        byte[] altered = payload.clone();
        int index = at % payload.length;
        altered[index] = (byte) (altered[index] + delta);
        assertThat(AuditChainRecipe.payloadSha256(altered)).isNotEqualTo(AuditChainRecipe.payloadSha256(payload));
    }

    @Property
    void aLinkDependsOnItsPredecessorAndItsPosition(@ForAll long globalIndex, @ForAll String eventId) {
        String first = AuditChainRecipe.linkHash(AuditChainRecipe.GENESIS_HASH, globalIndex, eventId, "T", "A", "ts", "p");
        String same = AuditChainRecipe.linkHash(AuditChainRecipe.GENESIS_HASH, globalIndex, eventId, "T", "A", "ts", "p");
        String otherPrev = AuditChainRecipe.linkHash(first, globalIndex, eventId, "T", "A", "ts", "p");
        String otherIndex = AuditChainRecipe.linkHash(AuditChainRecipe.GENESIS_HASH, globalIndex + 1, eventId, "T", "A",
                "ts", "p");
        assertThat(first).isEqualTo(same).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(otherPrev).isNotEqualTo(first);
        assertThat(otherIndex).isNotEqualTo(first);
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
