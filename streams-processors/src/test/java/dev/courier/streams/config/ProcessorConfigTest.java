package dev.courier.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartFromDefaultsThatMatchTheRestOfCourier() {
        // when
        ProcessorConfig config = ProcessorConfig.load(null, Map.of());

        // then
        assertThat(config.applicationId()).isEqualTo("courier.streams-processors");
        assertThat(config.blogEventsTopic()).isEqualTo("courier.blog.events");
        assertThat(config.queriesTopic()).isEqualTo("courier.analytics.queries");
        assertThat(config.accessRecordsTopic()).isEqualTo("courier.gateway.access");
        assertThat(config.deadLetterSources()).contains("courier.blog.commands.dlq", "courier.user.commands.dlq", "courier.analytics.dlq");
        assertThat(config.dedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.managementPort()).isEqualTo(8085);
    }

    @Test
    void shouldRefuseAnUnknownKeyNamingIt() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p.properties"), "views.dedupe-windw=1h\n");

        // when / then
        assertThatThrownBy(() -> ProcessorConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("views.dedupe-windw");
    }

    @Test
    void shouldRefuseToLoosenTheProcessingGuarantee() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p.properties"), "kafka.streams.processing.guarantee=at_least_once\n");

        // when / then
        assertThatThrownBy(() -> ProcessorConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.streams.processing.guarantee");
    }

    @Test
    void shouldPassStreamsPropertiesThrough() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p.properties"), "kafka.streams.num.stream.threads=2\n");

        // when
        ProcessorConfig config = ProcessorConfig.load(file, Map.of());

        // then
        assertThat(config.streamsProperties()).containsEntry("num.stream.threads", "2");
    }

    @Test
    void shouldRefuseADeadLetterTopicThatIsAlsoRead() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p.properties"), "topics.dead-letters=courier.analytics.queries\n");

        // when / then
        assertThatThrownBy(() -> ProcessorConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics.dead-letters");
    }
}
