package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretChecksTest {

    private final Vertx vertx = Vertx.vertx();
    private final ClientRegistry clients = new ClientRegistry(List.of(
            new OAuthClient("demo", ClientRegistry.hash("s3cret"), Set.of("blog:read")),
            // Not a hash: checking against it fails, as a corrupted entry would.
            new OAuthClient("broken", "not-a-hash", Set.of())));
    private final SecretChecks checks = new SecretChecks(clients, 1, 4);

    @AfterEach
    void close() throws Exception {
        checks.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerOnTheCallersContextOffItsThread() throws Exception {
        Context context = vertx.getOrCreateContext();

        Checked checked = check(context, "demo", "s3cret");

        assertThat(checked.result().succeeded()).isTrue();
        assertThat(checked.result().result()).hasValueSatisfying(client -> assertThat(client.id()).isEqualTo("demo"));
        assertThat(checked.context()).isSameAs(context);
    }

    @Test
    void shouldAnswerAWrongSecretWithNoClient() throws Exception {
        Checked checked = check(vertx.getOrCreateContext(), "demo", "guess");

        assertThat(checked.result().succeeded()).isTrue();
        assertThat(checked.result().result()).isEmpty();
    }

    @Test
    void shouldFailTheRequestRatherThanLeaveItHangingWhenACheckBreaks() throws Exception {
        Context context = vertx.getOrCreateContext();

        Checked checked = check(context, "broken", "s3cret");

        assertThat(checked.result().failed()).isTrue();
        assertThat(checked.result().cause()).isInstanceOf(RuntimeException.class).isNotInstanceOf(SecretChecks.Busy.class);
        assertThat(checked.context()).isSameAs(context);
    }

    @Test
    void shouldRefuseAtOnceWithBusyOnceClosed() {
        checks.close();

        Future<Optional<OAuthClient>> refused = checks.authenticate(vertx.getOrCreateContext(), "demo", "s3cret");

        assertThat(refused.failed()).as("failed before returning").isTrue();
        assertThat(refused.cause()).isInstanceOf(SecretChecks.Busy.class).hasMessage("every secret check is busy");
    }

    private record Checked(Future<Optional<OAuthClient>> result, Context context) {
    }

    private Checked check(Context context, String clientId, String secret) throws Exception {
        CompletableFuture<Checked> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            Future<Optional<OAuthClient>> result = checks.authenticate(context, clientId, secret);
            result.onComplete(any -> done.complete(new Checked(result, Vertx.currentContext())));
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}
