package dev.courier.gateway;

import dev.courier.commons.kafka.TopicBootstrap;
import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.ConsumerLag;
import dev.courier.gateway.admission.PartitionLag;
import dev.courier.gateway.cache.EventInvalidations;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.route.LiveRoutes;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteDeadlines;
import dev.courier.gateway.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a route table needs before it is put in force, at start or by a reload: its command topics
 * (created if missing, their metadata fetched), the consumer groups whose lag admission watches,
 * the events topics its cached routes are kept fresh by (kept answers start over), and its metrics. Blocking: it runs at start and on the reloader's thread, never on an event loop.
 */
final class RouteNeeds {

    /** How long a route's topic may take to be known to the producer before its table is refused. */
    static final Duration METADATA_WAIT = Duration.ofSeconds(10);

    private final GatewayConfig config;
    private final Admin admin;
    private final CommandPublisher publisher;
    private final ConsumerLag consumerLag;
    private final MeterRegistry meters;
    private final RateLimitMetrics rateLimitMetrics;
    private final AdmissionRefusals refusals;
    private final LiveRoutes live;
    private final ResponseCache cache;
    private final EventInvalidations invalidations;

    RouteNeeds(GatewayConfig config, Admin admin, CommandPublisher publisher, ConsumerLag consumerLag, MeterRegistry meters,
               RateLimitMetrics rateLimitMetrics, AdmissionRefusals refusals, LiveRoutes live, ResponseCache cache,
               EventInvalidations invalidations) {
        this.config = config;
        this.admin = admin;
        this.publisher = publisher;
        this.consumerLag = consumerLag;
        this.meters = meters;
        this.rateLimitMetrics = rateLimitMetrics;
        this.refusals = refusals;
        this.live = live;
        this.cache = cache;
        this.invalidations = invalidations;
    }

    void prepare(RouteTable table) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        table.routes().stream().map(Route::topic).forEach(topic -> topics.putIfAbsent(topic, config.kafka().commandPartitions()));
        Set<String> events = ResponseCache.eventTopics(table);
        events.forEach(topic -> topics.putIfAbsent(topic, config.kafka().commandPartitions()));
        TopicBootstrap.ensure(admin, topics, (short) config.kafka().replicationFactor());
        publisher.learn(table.routes().stream().map(Route::topic).distinct().toList(), METADATA_WAIT); // sends on the loops may not wait for it
        cache.follow(table);
        invalidations.follow(events);
        consumerLag.watch(watches(table));
        RouteDeadlines.bindTo(meters, table, live);
        rateLimitMetrics.register(table.routes());
        refusals.register(table.routes().stream().map(Route::name).toList());
    }

    private Set<PartitionLag.Watch> watches(RouteTable table) {
        if (!config.admission().lagEnabled()) {
            return Set.of();
        }
        return table.routes().stream().filter(route -> route.consumerGroup().isPresent())
                .map(route -> new PartitionLag.Watch(route.topic(), route.consumerGroup().get())).collect(Collectors.toSet());
    }
}
