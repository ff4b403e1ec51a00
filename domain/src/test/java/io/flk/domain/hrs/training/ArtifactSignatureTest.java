package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ArtifactSignatureTest {

    private static final SigningKeys KEYS = SigningKeys.generate();
    private static final TenantId TENANT = TenantId.of("acme");
    private static final String VERSION = "hrs-0123456789abcdef";
    private static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void aSignatureVerifiesWithItsPublicKey() {
        String signature = ArtifactSignature.sign(KEYS.privateKey(), TENANT, VERSION, SHA);

        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, signature)).isTrue();
    }

    @Test
    void changingTheShaVersionTenantOrSignatureFailsVerification() {
        String signature = ArtifactSignature.sign(KEYS.privateKey(), TENANT, VERSION, SHA);
        byte[] raw = Base64.getDecoder().decode(signature);
        raw[5] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);

        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, "f" + SHA.substring(1), signature))
                .isFalse();
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, "hrs-0123456789abcdee", SHA, signature))
                .isFalse();
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TenantId.of("other"), VERSION, SHA, signature))
                .isFalse();
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, tampered)).isFalse();
    }

    @Test
    void anotherKeyDoesNotVerify() {
        String signature = ArtifactSignature.sign(KEYS.privateKey(), TENANT, VERSION, SHA);

        assertThat(ArtifactSignature.verify(SigningKeys.generate().publicKey(), TENANT, VERSION, SHA, signature))
                .isFalse();
    }

    @Test
    void malformedSignaturesAreFalseNotExceptions() {
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, "not base64!")).isFalse();
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, "")).isFalse();
        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, null)).isFalse();
    }

    @Test
    void theMessageIsPrefixedCanonicalText() {
        assertThat(new String(ArtifactSignature.message(TENANT, VERSION, SHA), StandardCharsets.UTF_8))
                .isEqualTo("flk-hrs-artifact-v1\nacme\n" + VERSION + "\n" + SHA);
    }

    @Test
    void keysSurviveTheirTextEncodingsAndTheKeyIdIsTheHashOfTheX509Encoding() {
        SigningKeys restored = new SigningKeys(
                SigningKeys.fromPkcs8Base64(SigningKeys.toPkcs8Base64(KEYS.privateKey())),
                SigningKeys.fromX509Base64(SigningKeys.toX509Base64(KEYS.publicKey())));
        String signature = ArtifactSignature.sign(restored.privateKey(), TENANT, VERSION, SHA);

        assertThat(ArtifactSignature.verify(KEYS.publicKey(), TENANT, VERSION, SHA, signature)).isTrue();
        assertThat(ArtifactSignature.keyId(restored.publicKey())).isEqualTo(ArtifactSignature.keyId(KEYS.publicKey()))
                .hasSize(64).isEqualTo(HrsArtifact.sha256(KEYS.publicKey().getEncoded()));
    }

    @Test
    void garbageKeysAreInvalidValues() {
        assertThatThrownBy(() -> SigningKeys.fromPkcs8Base64("garbage"))
                .isInstanceOf(InvalidValue.class).extracting("field").isEqualTo("privateKey");
        assertThatThrownBy(() -> SigningKeys.fromX509Base64(Base64.getEncoder().encodeToString(new byte[12])))
                .isInstanceOf(InvalidValue.class).extracting("field").isEqualTo("publicKey");
        assertThatThrownBy(() -> SigningKeys.fromX509Base64(SigningKeys.toPkcs8Base64(KEYS.privateKey())))
                .isInstanceOf(InvalidValue.class);
    }
}
