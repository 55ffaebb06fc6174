package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientRegistryTest {

    /** Argon2id is slow on purpose: one hash serves every test. */
    private static String demoHash;

    @TempDir
    Path dir;

    @BeforeAll
    static void hashOnce() {
        demoHash = ClientRegistry.hash("s3cret");
    }

    @Test
    void shouldAuthenticateAClientFromTheFileWithItsScopes() throws Exception {
        ClientRegistry registry = ClientRegistry.load(Optional.of(file("""
                clients:
                  - id: demo
                    secret-hash: "%s"
                    scopes: [blog:read, blog:write]
                """.formatted(demoHash))));

        assertThat(registry.authenticate("demo", "s3cret")).hasValueSatisfying(client -> {
            assertThat(client.id()).isEqualTo("demo");
            assertThat(client.scopes()).containsExactlyInAnyOrder("blog:read", "blog:write");
        });
    }

    @Test
    void shouldRefuseAWrongSecretAndAnUnknownClientAlike() throws Exception {
        ClientRegistry registry = new ClientRegistry(List.of(new OAuthClient("demo", demoHash, Set.of())));

        assertThat(registry.authenticate("demo", "guess")).isEmpty();
        assertThat(registry.authenticate("nobody", "s3cret")).isEmpty();
        assertThat(registry.authenticate("demo", "S3CRET")).isEmpty();
    }

    @Test
    void shouldGiveAClientWithoutScopesNone() throws Exception {
        ClientRegistry registry = ClientRegistry.load(Optional.of(file("""
                clients:
                  - id: demo
                    secret-hash: "%s"
                """.formatted(demoHash))));

        assertThat(registry.authenticate("demo", "s3cret")).hasValueSatisfying(client -> assertThat(client.scopes()).isEmpty());
    }

    @Test
    void shouldHaveNoClientsWithoutAFile() {
        ClientRegistry registry = ClientRegistry.load(Optional.empty());

        assertThat(registry.authenticate("demo", "s3cret")).isEmpty();
    }

    @Test
    void shouldNameTheUnknownKeyOfTheClientsFile() throws Exception {
        Path file = file("""
                clients:
                  - id: demo
                    secret: s3cret
                """);

        assertThatThrownBy(() -> ClientRegistry.load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("issuer.clients-file: " + file + ": unknown key 'secret'");
    }

    @Test
    void shouldRefuseAClientIdThatIsNotUnreserved() throws Exception {
        Path file = file("""
                clients:
                  - id: "corp:demo"
                    secret-hash: "%s"
                """.formatted(demoHash));

        assertThatThrownBy(() -> ClientRegistry.load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("issuer.clients-file: " + file + ": client id 'corp:demo' must be 1 to 128 unreserved characters");
    }

    @Test
    void shouldRefuseAClientWithoutAnId() throws Exception {
        Path file = file("""
                clients:
                  - secret-hash: "%s"
                """.formatted(demoHash));

        assertThatThrownBy(() -> ClientRegistry.load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client id 'null' must be 1 to 128 unreserved characters");
    }

    @Test
    void shouldRefuseASecretStoredAnyOtherWayThanAsAnArgon2idHash() throws Exception {
        for (String stored : List.of("s3cret", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$broken")) {
            Path file = file("""
                    clients:
                      - id: demo
                        secret-hash: "%s"
                    """.formatted(stored));

            assertThatThrownBy(() -> ClientRegistry.load(Optional.of(file)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("client demo needs a secret-hash in Argon2id PHC form");
        }
    }

    @Test
    void shouldRefuseAClientListedTwiceRatherThanLetOneEntryWin() throws Exception {
        Path file = file("""
                clients:
                  - id: demo
                    secret-hash: "%s"
                    scopes: [blog:read]
                  - id: demo
                    secret-hash: "%s"
                    scopes: [blog:read, blog:write]
                """.formatted(demoHash, demoHash));

        assertThatThrownBy(() -> ClientRegistry.load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("issuer.clients-file: " + file + ": client id 'demo' is listed more than once");
    }

    @Test
    void shouldSayWhenTheFileCannotBeRead() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> ClientRegistry.load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("issuer.clients-file: cannot read " + missing);
    }

    @Test
    void shouldNeverShowASecretHash() {
        assertThat(new OAuthClient("demo", demoHash, Set.of("blog:read"))).hasToString("OAuthClient[id=demo, scopes=[blog:read]]");
    }

    @Test
    void shouldAcceptOnlyUnreservedClientIdsUpTo128Characters() {
        assertThat(ClientRegistry.CLIENT_ID.matcher("a-Z_0.9~").matches()).isTrue();
        assertThat(ClientRegistry.CLIENT_ID.matcher("a".repeat(128)).matches()).isTrue();
        assertThat(ClientRegistry.CLIENT_ID.matcher("a".repeat(129)).matches()).isFalse();
        assertThat(ClientRegistry.CLIENT_ID.matcher("").matches()).isFalse();
        assertThat(ClientRegistry.CLIENT_ID.matcher("a b").matches()).isFalse();
    }

    private Path file(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "clients", ".yaml"), yaml);
    }
}
