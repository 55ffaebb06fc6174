package dev.courier.gateway.path;

import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.ClaimRequest;
import dev.courier.gateway.store.RequestStore;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The claims of one event loop's turn, sent to the store together: every request read in one pass
 * over the loop's connections shares one round trip, and a lone request goes at once, since the
 * flush runs as soon as the loop has handled what it read. Only touched on the loop's context.
 */
final class ClaimBatch {

    private final RequestStore store;
    private final Context context;
    private List<ClaimRequest> requests = new ArrayList<>();
    private List<CompletableFuture<Claim>> answers = new ArrayList<>();

    ClaimBatch(RequestStore store, Context context) {
        this.store = store;
        this.context = context;
    }

    /** Completes on any thread. */
    CompletionStage<Claim> claim(ClaimRequest request) {
        if (requests.isEmpty()) {
            context.runOnContext(ignored -> flush());
        }
        CompletableFuture<Claim> answer = new CompletableFuture<>();
        requests.add(request);
        answers.add(answer);
        return answer;
    }

    private void flush() {
        List<ClaimRequest> sending = requests;
        List<CompletableFuture<Claim>> waiting = answers;
        requests = new ArrayList<>();
        answers = new ArrayList<>();
        CompletionStage<List<Claim>> claimed;
        try {
            claimed = store.claimAll(sending);
        } catch (RuntimeException e) {
            waiting.forEach(answer -> answer.completeExceptionally(e));
            return;
        }
        claimed.whenComplete((claims, error) -> {
            for (int i = 0; i < waiting.size(); i++) {
                if (error != null) {
                    waiting.get(i).completeExceptionally(error);
                } else {
                    waiting.get(i).complete(claims.get(i));
                }
            }
        });
    }
}
