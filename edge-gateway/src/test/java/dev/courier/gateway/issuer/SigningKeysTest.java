package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.courier.commons.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateAnEs256KeyOnFirstStartReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("data/keys/signing-key.jwk");

        SigningKeys keys = SigningKeys.loadOrGenerate(file);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys.signingKey()).isInstanceOfSatisfying(ECKey.class, key -> assertThat(key.getCurve()).isEqualTo(Curve.P_256));
        assertThat(keys.signingKey().isPrivate()).isTrue();
        assertThat(keys.signingKey().getKeyID()).isNotBlank();
        assertThat(keys.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void shouldKeepTheSameKeyAcrossRestarts() {
        Path file = dir.resolve("signing-key.jwk");
        SigningKeys first = SigningKeys.loadOrGenerate(file);

        SigningKeys again = SigningKeys.loadOrGenerate(file);

        assertThat(again.signingKey()).isEqualTo(first.signingKey());
    }

    @Test
    void shouldPublishOnlyThePublicHalf() {
        SigningKeys keys = SigningKeys.loadOrGenerate(dir.resolve("signing-key.jwk"));

        assertThat(keys.publicKeys().getKeys()).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isEqualTo(keys.signingKey().getKeyID());
        });
        assertThat(keys.publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void shouldTakeTheAlgorithmAKeyNames() throws Exception {
        JWK rsa = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.PS256).generate();
        Path file = Files.writeString(dir.resolve("rsa.jwk"), rsa.toJSONString());

        assertThat(SigningKeys.loadOrGenerate(file).algorithm()).isEqualTo(JWSAlgorithm.PS256);
    }

    @Test
    void shouldRefuseAKeyFileWithoutAPrivateKeyOrAKid() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Path publicOnly = Files.writeString(dir.resolve("public.jwk"), key.toPublicJWK().toJSONString());
        Path withoutKid = Files.writeString(dir.resolve("no-kid.jwk"), new ECKeyGenerator(Curve.P_256).generate().toJSONString());

        assertThatThrownBy(() -> SigningKeys.loadOrGenerate(publicOnly))
                .isInstanceOf(ConfigException.class)
                .hasMessage("issuer.signing-key-file: " + publicOnly + " must hold a private JWK with a kid");
        assertThatThrownBy(() -> SigningKeys.loadOrGenerate(withoutKid))
                .isInstanceOf(ConfigException.class)
                .hasMessage("issuer.signing-key-file: " + withoutKid + " must hold a private JWK with a kid");
    }

    @Test
    void shouldRefuseAFileThatIsNotAJwk() throws Exception {
        Path file = Files.writeString(dir.resolve("garbage.jwk"), "not json");

        assertThatThrownBy(() -> SigningKeys.loadOrGenerate(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("issuer.signing-key-file: cannot read a JWK from " + file + ": ");
    }
}
