package dev.courier.lag.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.lag.collect.LagHistory;
import dev.courier.lag.collect.LagSnapshot;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON API: {@code /api/groups} (every group at a glance), {@code /api/groups/{group}} (its
 * partitions and members), {@code /api/groups/{group}/history} (its lag over time, for charts) and
 * {@code /api/dead-letters}. Everything comes from the latest snapshot; nothing waits for Kafka.
 */
final class ApiHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<LagSnapshot> latest;
    private final LagHistory history;
    private final String cluster;

    ApiHandlers(Supplier<LagSnapshot> latest, LagHistory history, String cluster) {
        this.latest = latest;
        this.history = history;
        this.cluster = cluster;
    }

    void groups(RoutingContext routing) {
        json(routing, 200, overview(latest.get()));
    }

    void group(RoutingContext routing) {
        String name = routing.pathParam("group");
        Optional<LagSnapshot.GroupLag> group = find(name);
        if (group.isEmpty()) {
            notFound(routing, name);
        } else {
            json(routing, 200, group.get());
        }
    }

    void history(RoutingContext routing) {
        String name = routing.pathParam("group");
        if (find(name).isEmpty()) {
            notFound(routing, name);
        } else {
            json(routing, 200, history.of(name));
        }
    }

    void deadLetters(RoutingContext routing) {
        json(routing, 200, latest.get().deadLetters());
    }

    /** What the dashboard's overview shows: every group without its partitions, and the dead letters. */
    Map<String, Object> overview(LagSnapshot snapshot) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster", cluster);
        body.put("atMillis", snapshot.atMillis());
        body.put("groups", snapshot.groups().stream().map(ApiHandlers::summary).toList());
        body.put("deadLetters", snapshot.deadLetters());
        return body;
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot always serializes", e);
        }
    }

    private static Map<String, Object> summary(LagSnapshot.GroupLag group) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("group", group.group());
        summary.put("state", group.state());
        summary.put("members", group.members());
        summary.put("status", group.status());
        summary.put("reason", group.reason());
        summary.put("totalLag", group.totalLag());
        summary.put("maxLag", group.maxLag());
        summary.put("maxLagSeconds", group.maxLagSeconds());
        summary.put("partitions", group.partitions().size());
        summary.put("topics", group.partitions().stream().map(LagSnapshot.PartitionLag::topic).distinct().sorted().toList());
        return summary;
    }

    private Optional<LagSnapshot.GroupLag> find(String name) {
        return latest.get().groups().stream().filter(group -> group.group().equals(name)).findFirst();
    }

    private static void notFound(RoutingContext routing, String name) {
        json(routing, 404, Map.of("status", 404, "title", "No such group", "detail", "no watched group is named " + name));
    }

    static void json(RoutingContext routing, int status, Object body) {
        json(routing, status, body, status >= 400 ? "application/problem+json" : "application/json");
    }

    static void json(RoutingContext routing, int status, Object body, String contentType) {
        routing.response().setStatusCode(status).putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-store").end(Buffer.buffer(bytes(body)));
    }
}
