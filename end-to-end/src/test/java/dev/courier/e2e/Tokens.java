package dev.courier.e2e;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Tokens made by hand: valid ones signed with the issuer's key, and every kind of bad one. */
final class Tokens {

    private final ECKey issuerKey;

    Tokens(Path signingKeyFile) throws Exception {
        this.issuerKey = ECKey.parse(Files.readString(signingKeyFile));
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("http://courier.test").audience("courier").subject("demo")
                .claim("scope", "blog:read blog:write").issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plusSeconds(300)));
    }

    String signed(UnaryOperator<JWTClaimsSet.Builder> changes) throws Exception {
        return sign(issuerKey, header(issuerKey.getKeyID()).build(), changes.apply(claims()).build());
    }

    String unsigned() {
        return new PlainJWT(claims().build()).serialize();
    }

    /** HS256 with the issuer's public key as the HMAC secret: the classic algorithm-confusion attack. */
    String hmacWithPublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuerKey.getKeyID()).build(), claims().build());
        jwt.sign(new MACSigner(issuerKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    String unknownKid() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("not-a-known-kid").generate();
        return sign(attacker, header(attacker.getKeyID()).build(), claims().build());
    }

    /** Signed by the attacker, who puts the matching public key in the header and reuses the issuer's kid. */
    String embeddedJwk() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        return sign(attacker, header(issuerKey.getKeyID()).jwk(attacker.toPublicJWK()).build(), claims().build());
    }

    String jkuHeader() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(issuerKey.getKeyID()).generate();
        return sign(attacker, header(issuerKey.getKeyID()).jwkURL(URI.create("http://127.0.0.1:9/jwks.json")).build(), claims().build());
    }

    private static JWSHeader.Builder header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT);
    }

    private static String sign(ECKey key, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
