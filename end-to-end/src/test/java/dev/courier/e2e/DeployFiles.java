package dev.courier.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operators' files under {@code deploy/}, and the PromQL expressions they hold. */
final class DeployFiles {

    static final Path DIR = Path.of("").toAbsolutePath().getParent().resolve("deploy");
    static final Path PROMETHEUS = DIR.resolve("prometheus/prometheus.yml");
    static final Path ALERTS = DIR.resolve("prometheus/courier-alerts.yml");
    static final Path ALERT_TESTS = DIR.resolve("prometheus/courier-alerts.test.yml");
    static final Path DASHBOARD = DIR.resolve("grafana/courier-dashboard.json");

    /** The names of metrics Courier's processes expose, as the files may use them (Prometheus's own {@code up} aside). */
    private static final Pattern METRIC = Pattern.compile("\\b(?:courier|kafka_consumergroup|kafka_partition|http_server|jvm|process)_[a-z0-9_]+\\b");

    private DeployFiles() {
    }

    static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : read(ALERTS, new YAMLFactory()).get("groups")) {
            group.get("rules").forEach(rule -> expressions.add(rule.get("expr").asText()));
        }
        return expressions;
    }

    /** Every panel query, with Grafana's variables replaced by what Prometheus would see. */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode expr : read(DASHBOARD, null).findValues("expr")) {
            expressions.add(expr.asText().replace("$cluster", ".*").replace("$__rate_interval", "1m"));
        }
        return expressions;
    }

    static JsonNode dashboard() {
        return read(DASHBOARD, null);
    }

    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static JsonNode read(Path file, YAMLFactory yaml) {
        try {
            return (yaml == null ? new ObjectMapper() : new ObjectMapper(yaml)).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
