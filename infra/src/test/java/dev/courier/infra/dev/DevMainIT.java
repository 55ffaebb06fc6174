package dev.courier.infra.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.process.ProcessOutput;
import dev.courier.infra.process.ProcessTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

class DevMainIT {

    private static final Pattern KAFKA = Pattern.compile("(?m)^\\s+Kafka\\s+(\\S+)");
    private static final Pattern REDIS = Pattern.compile("Redis\\s+(redis://\\S+)");

    @Test
    void shouldStartKafkaAndRedisPrintWhereTheyListenAndLeaveNoProcessWhenStopped(@TempDir Path data) throws Exception {
        // given
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DevMain.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try {
            // when
            List<String> output = ProcessOutput.linesUntil(launcher, DevMain.READY);
            List<ProcessHandle> children = launcher.descendants().toList();

            // then both answer where the launcher says
            String printed = String.join("\n", output);
            assertThat(brokerCount(find(KAFKA, printed))).isEqualTo(1);
            assertThat(ping(find(REDIS, printed))).isEqualTo("PONG");
            assertThat(children).hasSizeGreaterThanOrEqualTo(2);

            // and a stop signal ends every process it started, keeping the data
            launcher.destroy();
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle child : children) {
                assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            assertThat(Files.exists(data.resolve("kafka/node-1/data/meta.properties"))).isTrue();
            assertThat(Files.exists(data.resolve("redis/appendonlydir")) || Files.exists(data.resolve("redis/appendonly.aof"))).isTrue();
        } finally {
            ProcessTree.kill(launcher);
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    private static int brokerCount(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        }
    }

    private static String ping(String uri) {
        Config config = new Config();
        config.useSingleServer().setAddress(uri).setConnectionMinimumIdleSize(1).setConnectionPoolSize(1);
        RedissonClient client = Redisson.create(config);
        try {
            return client.getRedisNodes(org.redisson.api.redisnode.RedisNodes.SINGLE).getInstance().ping() ? "PONG" : "no answer";
        } finally {
            client.shutdown();
        }
    }
}
