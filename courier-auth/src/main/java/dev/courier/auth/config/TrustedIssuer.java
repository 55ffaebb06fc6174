package dev.courier.auth.config;

import java.util.Optional;

/**
 * An outside OAuth 2.0 issuer whose tokens the gateway accepts beside the built-in issuer's.
 *
 * @param name a short name, 1 to 32 lower-case letters and digits; it qualifies the principals of
 *     this issuer's tokens ({@code <name>:<sub>}) so they never collide with another issuer's
 * @param issuer the exact {@code iss} its tokens carry
 * @param jwks where its verification keys come from
 * @param audience the {@code aud} its tokens must contain; empty means {@code auth.audience}
 */
public record TrustedIssuer(String name, String issuer, JwksLocation.External jwks, Optional<String> audience) {
}
