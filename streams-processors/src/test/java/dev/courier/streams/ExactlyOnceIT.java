package dev.courier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.ChildProcess;
import dev.courier.model.AuthorStats;
import dev.courier.reply.Outcome;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.streams.config.ProcessorConfig;
import dev.courier.streams.testing.EventHistory;
import dev.courier.streams.testing.GroupMembers;
import dev.courier.streams.testing.QueryClient;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors in their own process, killed with SIGKILL mid-stream and replaced by two instances
 * on empty state folders: the author statistics still count every event once (repeats included in
 * the stream on purpose), every query gets exactly one committed reply from whichever instance
 * holds its author, and poison goes to the dead letters while the rest goes on.
 */
@ExtendWith(InfraExtension.class)
class ExactlyOnceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void shouldCountEveryEventOnceAndAnswerEveryQueryOnceAcrossASigkill(KafkaEndpoint kafka, @TempDir Path dir) throws IOException {
        // given processors in their own process, and a stream of post events with repeats in it
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.of(
                ProcessorConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ProcessorConfig.APPLICATION_ID, "eos-" + run,
                ProcessorConfig.BLOG_EVENTS_TOPIC, "eos-events-" + run,
                ProcessorConfig.QUERIES_TOPIC, "eos-queries-" + run,
                ProcessorConfig.DEAD_LETTER_TOPIC, "eos-dlq-" + run,
                ProcessorConfig.PARTITIONS, "3",
                ProcessorConfig.MANAGEMENT_PORT, "0",
                // A killed member never leaves the group: its partitions move once its session times out.
                ProcessorConfig.STREAMS_PREFIX + "session.timeout.ms", "6000",
                ProcessorConfig.STREAMS_PREFIX + "heartbeat.interval.ms", "1000");
        Path configFile = writeConfig(dir.resolve("first.properties"), settings, dir.resolve("state-first"));
        ChildProcess first = start(dir, configFile, "first");
        try (EventHistory events = new EventHistory(kafka.bootstrapServers(), settings.get(ProcessorConfig.BLOG_EVENTS_TOPIC), 42);
             QueryClient queries = new QueryClient(kafka.bootstrapServers(), settings.get(ProcessorConfig.QUERIES_TOPIC), "eos-replies-" + run)) {
            events.write(1500, 0.1);
            List<String> asked = new ArrayList<>(queries.askEach(events.authors()));
            Await.until("a first answer", PATIENCE, () -> queries.answered() > 0, first::toString);

            // when it is killed without warning, and two others share its work with no local state
            first.kill();
            ChildProcess second = start(dir, writeConfig(dir.resolve("second.properties"), settings, dir.resolve("state-second")), "second");
            ChildProcess third = start(dir, writeConfig(dir.resolve("third.properties"), settings, dir.resolve("state-third")), "third");
            try {
                events.write(1500, 0.1);
                events.writePoison();
                queries.sendWithoutRequestId("a0");
                asked.addAll(queries.askEach(events.authors()));

                // then the statistics equal a recount from the events topic, each event counted once
                Map<String, AuthorStats> recount = events.recountFromTopic();
                Await.until("the views to match the recount", PATIENCE, () -> {
                    Map<String, AuthorStats> views = queries.askAndAwait(recount.keySet(), PATIENCE);
                    asked.addAll(views.keySet());
                    return views.values().stream().allMatch(view -> view.equals(recount.get(view.getAuthorId())));
                }, () -> "recount " + recount + "\nlast answers " + queries.lastViews());

                // and every query has exactly one committed reply, an OK one
                Await.until("every query answered", PATIENCE, () -> asked.stream().allMatch(queries::isAnswered), () -> asked.size() + " asked");
                asked.forEach(requestId -> {
                    assertThat(queries.repliesTo(requestId)).as("replies to %s", requestId).isEqualTo(1);
                    assertThat(queries.reply(requestId).getOutcome()).isEqualTo(Outcome.OK);
                });

                // and the poison event and the poison query went to the dead letters with the services' headers
                List<Map<String, String>> deadLetters = QueryClient.awaitHeaders(kafka.bootstrapServers(),
                        settings.get(ProcessorConfig.DEAD_LETTER_TOPIC), 2, PATIENCE);
                assertThat(deadLetters).extracting(headers -> headers.get(CourierHeaders.DLQ_ERROR_CLASS))
                        .containsExactlyInAnyOrder("UndecodableValue", "MissingHeader");
                assertThat(deadLetters).extracting(headers -> headers.get(CourierHeaders.DLQ_SOURCE_TOPIC))
                        .containsExactlyInAnyOrder(settings.get(ProcessorConfig.BLOG_EVENTS_TOPIC), settings.get(ProcessorConfig.QUERIES_TOPIC));

                // and the two instances shared the partitions, each answering the queries of its own
                assertThat(GroupMembers.assignments(kafka.bootstrapServers(), settings.get(ProcessorConfig.APPLICATION_ID)))
                        .hasSize(2).allSatisfy(partitions -> assertThat(partitions).isPositive());
            } finally {
                third.stop(Duration.ofSeconds(30));
                second.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static ChildProcess start(Path dir, Path configFile, String name) {
        return ChildProcess.startJava("streams-processors-" + name, StreamsProcessors.class, configFile, dir.resolve(name + ".log"),
                "state=RUNNING");
    }

    private static Path writeConfig(Path file, Map<String, String> settings, Path stateDir) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ProcessorConfig.STATE_DIR, stateDir.toString());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "streams processors under test");
        }
        return file;
    }
}
