package dev.courier.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.courier.auth.config.TokenRules;
import dev.courier.auth.config.TrustedIssuer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the bearer token of an Authorization header (RFC 6750 section 2.1) and verifies it. The
 * cheap answers (no token, a malformed header, a token verified recently) come from {@link #known};
 * only the rest needs {@link #verify}, which checks a signature and may fetch keys, so callers run it
 * off the event loop. {@link #authenticate} does both, and verifies a token once however many
 * requests bring it at the same time: when a remembered token expires under load, the requests that
 * carry it wait for one check instead of each running its own.
 */
public final class Authenticator {

    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final TokenVerifier verifier;
    private final VerifiedTokens verified;
    private final Map<String, CompletableFuture<Authentication>> verifying = new ConcurrentHashMap<>();

    public Authenticator(TokenVerifier verifier, VerifiedTokens verified) {
        this.verifier = verifier;
        this.verified = verified;
    }

    /**
     * Checks tokens by these rules: each trusted issuer's keys from its JWKS location, the built-in
     * issuer's (where there is one) as given.
     */
    public static Authenticator create(TokenRules rules, Optional<BuiltInIssuer> builtIn) {
        Map<String, JWKSource<SecurityContext>> trustedKeys = rules.trusted().stream().collect(Collectors.toMap(
                TrustedIssuer::name, trusted -> KeySources.of(trusted.name(), trusted.jwks(), rules.minRefetchInterval())));
        return new Authenticator(new TokenVerifier(rules, builtIn, trustedKeys),
                VerifiedTokens.system(rules.tokenCacheSize(), rules.tokenCacheTtl(), rules.clockSkew()));
    }

    /**
     * The answer for this header: at once when it needs no signature check, else once {@code offLoop}
     * has verified it (a check already running for the same token is joined, not repeated).
     */
    public CompletionStage<Authentication> authenticate(String authorization, Executor offLoop) {
        Optional<Authentication> answer = known(authorization);
        if (answer.isPresent()) {
            return CompletableFuture.completedFuture(answer.get());
        }
        String token = token(authorization);
        CompletableFuture<Authentication> check = new CompletableFuture<>();
        CompletableFuture<Authentication> running = verifying.putIfAbsent(token, check);
        if (running != null) {
            return running;
        }
        try {
            offLoop.execute(() -> {
                try {
                    check.complete(verify(authorization));
                } catch (RuntimeException e) {
                    check.completeExceptionally(e);
                } finally {
                    verifying.remove(token, check);
                }
            });
        } catch (RuntimeException e) {
            verifying.remove(token, check);
            check.completeExceptionally(e);
        }
        return check;
    }

    /** The answer for this header when it needs no signature check; empty when {@link #verify} must decide. */
    public Optional<Authentication> known(String authorization) {
        Optional<Authentication> missing = missing(authorization);
        if (missing.isPresent()) {
            return missing;
        }
        String token = token(authorization);
        // A remembered token was well-formed when it was verified: the pattern is checked only for the others.
        Optional<Authentication> remembered = verified.find(token).map(Authentication.class::cast);
        return remembered.isPresent() ? remembered : notToken68(token);
    }

    /** Verifies the header's token in full, remembering it when it is good. CPU-heavy; may block. */
    public Authentication verify(String authorization) {
        Optional<Authentication> malformed = malformed(authorization);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        String token = token(authorization);
        Authentication result = verifier.verify(token);
        if (result instanceof Authentication.Authenticated authenticated) {
            verified.remember(token, authenticated);
        }
        return result;
    }

    private static Optional<Authentication> malformed(String authorization) {
        Optional<Authentication> missing = missing(authorization);
        return missing.isPresent() ? missing : notToken68(token(authorization));
    }

    private static Optional<Authentication> missing(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new Authentication.Missing());
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.regionMatches(true, 0, "Bearer", 0, space) || space != "Bearer".length()) {
            return Optional.of(new Authentication.Missing());
        }
        return Optional.empty();
    }

    private static Optional<Authentication> notToken68(String token) {
        if (!TOKEN68.matcher(token).matches()) {
            return Optional.of(new Authentication.Rejected("invalid_request", "the Authorization header does not hold a bearer token"));
        }
        return Optional.empty();
    }

    private static String token(String authorization) {
        return authorization.substring(authorization.indexOf(' ') + 1).trim();
    }
}
