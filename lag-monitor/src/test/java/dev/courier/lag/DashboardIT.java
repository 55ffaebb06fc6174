package dev.courier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.config.ConfigSources;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.lag.config.LagMonitorConfig;
import dev.courier.schemas.kafka.CourierHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, as a person on call would use it: a group made to fall
 * behind is shown behind with the right numbers, its partitions open on a click, the dead letters
 * show their error, and when the group catches up the page says so without a reload.
 */
@ExtendWith(InfraExtension.class)
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final String prefix = "dash-it-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaEndpoint kafka;
    private LagMonitor monitor;
    private WebDriver browser;

    @BeforeEach
    void start(KafkaEndpoint kafka, @TempDir Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium and its driver are missing: run ./test, or infra/scripts/install-test-tools "
                    + "(Debian: apt-get install chromium chromium-driver)");
        }
        this.kafka = kafka;
        Map<String, String> env = new HashMap<>();
        env.put(ConfigSources.envName(LagMonitorConfig.BOOTSTRAP_SERVERS), kafka.bootstrapServers());
        env.put(ConfigSources.envName(LagMonitorConfig.HTTP_PORT), "0");
        env.put(ConfigSources.envName(LagMonitorConfig.INTERVAL), "500ms");
        env.put(ConfigSources.envName(LagMonitorConfig.GROUPS_INCLUDE), prefix + ".*");
        env.put(ConfigSources.envName(LagMonitorConfig.DEAD_LETTER_TOPICS), prefix + ".*\\.dlq");
        monitor = LagMonitor.start(LagMonitorConfig.load(null, env));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void shouldShowAGroupFallingBehindWithItsNumbersAndThenCatchingUpWithoutAReload() throws Exception {
        // given: 20 records, a group that processed 5 of them and has no consumer left, and a dead letter
        String topic = prefix + ".orders";
        String group = prefix + ".billing";
        TopicAdmin.create(kafka, topic, 1, 1);
        TopicAdmin.create(kafka, prefix + ".orders.dlq", 1, 1);
        produce(topic, 20, new RecordHeaders());
        RecordHeaders dead = new RecordHeaders();
        CourierHeaders.put(dead, CourierHeaders.DLQ_ERROR_CLASS, "UndecodableValue");
        CourierHeaders.put(dead, CourierHeaders.DLQ_ERROR_MESSAGE, "the record has no value");
        CourierHeaders.put(dead, CourierHeaders.DLQ_SOURCE_TOPIC, topic);
        produce(prefix + ".orders.dlq", 1, dead);
        commit(group, topic, 5);

        // when
        browser.get("http://127.0.0.1:" + monitor.port() + "/");

        // then it is shown behind, with the right numbers (every read re-finds its element: the page
        // redraws its rows on each live update)
        String behind = "tr.group[data-group='" + group + "'][data-status='STOPPED']";
        await(By.cssSelector(behind));
        assertThat(attribute(By.cssSelector(behind), "data-lag")).isEqualTo("15");
        assertThat(text(By.cssSelector(behind + " td.lag"))).isEqualTo("15");
        assertThat(text(By.cssSelector(behind + " .badge"))).isEqualTo("STOPPED");
        assertThat(text(By.cssSelector(behind))).contains(topic).contains("no member consumes this partition");
        assertThat(text(By.cssSelector("#summary li[data-status='STOPPED'] .count"))).isEqualTo("1");
        assertThat(attribute(By.id("freshness"), "data-state")).isEqualTo("live");

        // and a click shows its partition and its chart
        waitUntil().until(driver -> {
            driver.findElement(By.cssSelector(behind)).click();
            return true;
        });
        String partition = "tr.detail tr[data-partition='" + topic + "-0']";
        assertThat(text(By.cssSelector(partition))).contains("5").contains("20").contains("15").contains("the group has no members");
        await(By.cssSelector("tr.detail .chart canvas"));

        // and the dead letter says what went wrong
        assertThat(text(By.cssSelector(".dlq[data-topic='" + prefix + ".orders.dlq']")))
                .contains("1 records").contains("UndecodableValue").contains("the record has no value");

        // when the group catches up, the page says so by itself
        commit(group, topic, 20);
        String caughtUp = "tr.group[data-group='" + group + "'][data-status='OK'][data-lag='0']";
        await(By.cssSelector(caughtUp));
        assertThat(text(By.cssSelector(caughtUp + " td.lag-seconds"))).isEqualTo("0 s");
        assertThat(text(By.cssSelector(partition + " td.lag"))).isEqualTo("0");
    }

    private WebDriverWait waitUntil() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The text of the first element the selector finds, read at once after finding it, again if a redraw replaced it. */
    private String text(By selector) {
        return waitUntil().until(driver -> {
            List<WebElement> found = driver.findElements(selector);
            return found.isEmpty() ? null : found.get(0).getText();
        });
    }

    private String attribute(By selector, String name) {
        return waitUntil().until(driver -> {
            List<WebElement> found = driver.findElements(selector);
            return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
        });
    }

    private WebElement await(By selector) {
        return waitUntil().until(driver -> {
            List<WebElement> found = driver.findElements(selector);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void produce(String topic, int count, RecordHeaders headers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, null, ("record " + i).getBytes(StandardCharsets.UTF_8), headers))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void commit(String group, String topic, long offset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)));
        }
    }
}
