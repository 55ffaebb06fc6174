package dev.courier.gateway.path;

import dev.courier.gateway.cache.CacheMetrics;
import dev.courier.gateway.cache.KeptAnswer;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.cache.Subject;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.route.CachePolicy;
import java.util.Optional;

/**
 * Answers a request on a cached route from a kept answer when there is one (304 when the caller's
 * {@code If-None-Match} names its tag), before admission: a kept answer costs Kafka and the service
 * nothing. Otherwise the request goes on as a read whose answer may be kept.
 */
final class CacheStep implements RequestStep {

    private final ResponseCache cache;
    private final CacheMetrics metrics;
    private final Responder responder;

    CacheStep(ResponseCache cache, CacheMetrics metrics, Responder responder) {
        this.cache = cache;
        this.metrics = metrics;
        this.responder = responder;
    }

    @Override
    public void handle(CommandCall call) {
        CachePolicy policy = call.route().cache().orElse(null);
        if (policy == null) {
            call.next();
            return;
        }
        Subject subject = ResponseCache.subjectOf(call.route(), call.key());
        ResponseCache.Variant variant = ResponseCache.Variant.of(call.route(), call.encoded());
        Optional<KeptAnswer> kept = cache.find(subject, variant);
        if (kept.isPresent()) {
            boolean notModified = responder.kept(call.exchange(), call.route(), kept.get());
            metrics.looked(call.route().name(), notModified ? CacheMetrics.Result.REVALIDATED : CacheMetrics.Result.HIT);
            return;
        }
        metrics.looked(call.route().name(), CacheMetrics.Result.MISS);
        ResponseCache.Read read = cache.begin(subject, variant, policy.ttl());
        call.routing().addEndHandler(ended -> cache.ended(read));
        call.reading(read);
        call.next();
    }
}
