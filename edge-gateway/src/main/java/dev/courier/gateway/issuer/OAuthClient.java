package dev.courier.gateway.issuer;

import java.util.Set;

/** A client allowed to get tokens: its id, the Argon2id hash of its secret, and the scopes it may ask for. */
public record OAuthClient(String id, String secretHash, Set<String> scopes) {

    public OAuthClient {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "OAuthClient[id=" + id + ", scopes=" + scopes + "]";
    }
}
