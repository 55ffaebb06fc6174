package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' files under {@code deploy/} as Prometheus's own tooling sees them: the scrape
 * configuration and the alert rules are valid, the alerts fire when they should and only then (the
 * rules' own test file), and every query of the Grafana dashboard is valid PromQL. That the metric
 * names they use are the ones the processes expose is {@link MetricsExpositionIT}'s to prove.
 */
class DeployFilesIT {

    @Test
    void shouldBeAScrapeConfigurationPrometheusAccepts() {
        Promtool.Result result = Promtool.run("", "check", "config", DeployFiles.PROMETHEUS.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void shouldHaveValidAlertRulesThatFireWhenTheirTestsSay() {
        Promtool.Result checked = Promtool.run("", "check", "rules", DeployFiles.ALERTS.toString());
        Promtool.Result tested = Promtool.run("", "test", "rules", DeployFiles.ALERT_TESTS.toString());

        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(tested.exitCode()).as(tested.output()).isZero();
        assertThat(tested.output()).contains("SUCCESS");
    }

    @Test
    void shouldTestEveryAlertRule() throws IOException {
        String tests = Files.readString(DeployFiles.ALERT_TESTS);

        assertThat(DeployFiles.alertExpressions()).hasSize(5);
        for (String alert : List.of("CourierProcessDown", "CourierProcessNotReady", "CourierLagAboveRouteDeadline",
                "CourierConsumerGroupStuck", "CourierDeadLettersArriving")) {
            assertThat(tests).as(alert).contains("alertname: " + alert);
        }
    }

    @Test
    void shouldHaveADashboardWhoseEveryQueryIsValidPromql(@TempDir Path dir) throws IOException {
        JsonNode dashboard = DeployFiles.dashboard();
        List<String> expressions = DeployFiles.dashboardExpressions();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        Promtool.Result checked = Promtool.run("", "check", "rules", file.toString());

        assertThat(expressions).hasSizeGreaterThan(20);
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(dashboard.get("uid").asText()).isEqualTo("courier-overview");
        assertThat(dashboard.findValues("datasource")).as("every panel and query reads the chosen Prometheus")
                .allMatch(source -> source.path("uid").asText().equals("${datasource}"));
    }
}
