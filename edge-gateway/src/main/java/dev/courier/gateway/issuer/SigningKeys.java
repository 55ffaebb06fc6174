package dev.courier.gateway.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.courier.commons.config.ConfigException;
import dev.courier.gateway.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The issuer's signing key: loaded from its file, or generated (EC P-256, ES256) and written there
 * on first start, readable by the owner only, so tokens stay valid across restarts.
 */
public final class SigningKeys {

    private final JWK signingKey;

    private SigningKeys(JWK signingKey) {
        this.signingKey = signingKey;
    }

    public static SigningKeys loadOrGenerate(Path file) {
        if (Files.exists(file)) {
            try {
                JWK key = JWK.parse(Files.readString(file));
                if (!key.isPrivate() || key.getKeyID() == null) {
                    throw new ConfigException(GatewayConfig.ISSUER_SIGNING_KEY_FILE, file + " must hold a private JWK with a kid");
                }
                return new SigningKeys(key);
            } catch (IOException | ParseException e) {
                throw new ConfigException(GatewayConfig.ISSUER_SIGNING_KEY_FILE, "cannot read a JWK from " + file + ": " + e.getMessage());
            }
        }
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            write(file, key.toJSONString());
            return new SigningKeys(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    public JWK signingKey() {
        return signingKey;
    }

    public JWSAlgorithm algorithm() {
        return signingKey.getAlgorithm() != null ? JWSAlgorithm.parse(signingKey.getAlgorithm().getName()) : JWSAlgorithm.ES256;
    }

    /** What {@code /.well-known/jwks.json} publishes: public halves only. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey).toPublicJWKSet();
    }

    private static void write(Path file, String json) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".signing-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, json);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key to " + file, e);
        }
    }
}
