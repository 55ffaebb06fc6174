package dev.courier.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.ClaimRequest;
import dev.courier.gateway.store.RequestOrigin;
import dev.courier.gateway.testing.InMemoryRequestStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ClaimBatchTest {

    private static final RequestOrigin ORIGIN = new RequestOrigin("demo", "fp", "create-post");

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private Context loop;
    private ClaimBatch batch;

    @BeforeEach
    void start(Vertx vertx) {
        loop = vertx.getOrCreateContext();
        batch = new ClaimBatch(store, loop);
    }

    @Test
    void shouldSendTheClaimsOfOneTurnInOneRoundTrip() throws Exception {
        List<CompletionStage<Claim>> claims = on(() -> IntStream.range(0, 3)
                .mapToObj(i -> batch.claim(new ClaimRequest("r" + i, ORIGIN))).toList());

        for (CompletionStage<Claim> claim : claims) {
            assertThat(claim.toCompletableFuture().get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.New.class);
        }
        assertThat(store.claims()).isEqualTo(3);
        assertThat(store.claimCalls()).isEqualTo(1);
    }

    @Test
    void shouldSendALoneClaimWithoutWaitingForCompany() throws Exception {
        CompletionStage<Claim> first = on(() -> batch.claim(new ClaimRequest("r1", ORIGIN)));
        assertThat(first.toCompletableFuture().get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.New.class);
        CompletionStage<Claim> again = on(() -> batch.claim(new ClaimRequest("r1", ORIGIN)));

        assertThat(again.toCompletableFuture().get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.Existing.class);
        assertThat(store.claimCalls()).isEqualTo(2);
    }

    @Test
    void shouldFailEveryClaimOfTheTurnWhenTheStoreFails() throws Exception {
        store.reachable(false);

        List<CompletionStage<Claim>> claims = on(() -> List.of(batch.claim(new ClaimRequest("r1", ORIGIN)),
                batch.claim(new ClaimRequest("r2", ORIGIN))));

        for (CompletionStage<Claim> claim : claims) {
            assertThatThrownBy(() -> claim.toCompletableFuture().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("Redis is unreachable");
        }
    }

    private <T> T on(Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(ignored -> done.complete(action.get()));
        return done.get(30, TimeUnit.SECONDS);
    }
}
