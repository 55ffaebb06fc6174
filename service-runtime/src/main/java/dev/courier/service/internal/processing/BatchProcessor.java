package dev.courier.service.internal.processing;

import dev.courier.reply.Reply;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Intake;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.RecordValidator;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.command.Decision;
import dev.courier.service.store.AtomicWriter;
import dev.courier.service.store.AtomicWriter.PlannedWrite;
import dev.courier.service.store.EncodedOutcome;
import dev.courier.service.store.StoreFailures;
import dev.courier.service.store.StoreUnavailableException;
import dev.courier.service.store.WriteResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one polled batch of command records and returns what to send, in record order.
 *
 * <p>Commands run in waves: each wave takes the next command of every record key, decides them
 * all at once (their Redis reads in flight together), then applies every resulting write in one
 * pipelined round trip. Commands of one key thus apply in order, while different keys share the
 * round trips. A write whose state changed under it is decided again in the next wave, at most
 * {@value #MAX_ATTEMPTS} times; a command that fails in its handler or stays stale that long is
 * answered with an ERROR reply and dead-lettered with the reason, and the batch goes on, so one
 * command never blocks its partition.
 */
public final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    /** Bounds re-deciding under contention; only a bug keeps a write stale this long. */
    static final int MAX_ATTEMPTS = 100;
    private static final int RECENTLY_PUBLISHED = 10_000;
    /** Error class of a dead letter whose write stayed stale {@value #MAX_ATTEMPTS} times. */
    public static final String STALE_WRITE = "StaleWrite";

    private final CommandIntake intake;
    private final CommandHandler handler;
    private final AtomicWriter writer;
    private final OutcomeEncoder encoder;
    private final OutgoingRecords outgoing;
    private final ServiceMetrics metrics;
    private final CommandSpans spans;
    /**
     * Request ids whose events Kafka acknowledged lately, while their published mark may still be on
     * its way to Redis: a redelivery right behind its original must not send them again.
     */
    private final Map<String, Boolean> recentlyPublished = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_PUBLISHED;
        }
    });

    public BatchProcessor(CommandIntake intake, CommandHandler handler, AtomicWriter writer, OutcomeEncoder encoder,
                          OutgoingRecords outgoing, ServiceMetrics metrics, CommandSpans spans) {
        this.intake = intake;
        this.handler = handler;
        this.writer = writer;
        this.encoder = encoder;
        this.outgoing = outgoing;
        this.metrics = metrics;
        this.spans = spans;
    }

    /**
     * Everything to send for these records, in record order.
     *
     * @throws StoreUnavailableException when Redis fails; nothing of the batch may be committed then
     */
    public BatchResult process(List<ConsumerRecord<byte[], byte[]>> records) {
        List<List<Output>> outputs = new ArrayList<>(records.size());
        Set<String> eventsSent = new LinkedHashSet<>();
        Map<String, Deque<Pending>> queues = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            int index = outputs.size();
            outputs.add(List.of());
            Intake read = intake.read(record);
            if (read instanceof Intake.Poison poison) {
                outputs.set(index, List.of(deadLetter(record, poison)));
                continue;
            }
            IncomingCommand command = ((Intake.Accepted) read).command();
            List<Violation> violations = RecordValidator.validate(command.message());
            if (!violations.isEmpty()) {
                outputs.set(index, answered(command, Replies.rejected(violations)));
                continue;
            }
            queues.computeIfAbsent(command.key(), key -> new ArrayDeque<>()).add(new Pending(index, record, command,
                    spans.process(record, typeOf(command))));
        }
        try {
            while (!queues.isEmpty()) {
                runWave(queues, outputs, eventsSent);
            }
        } catch (RuntimeException e) {
            // The batch will be read again; its unanswered commands' spans end here.
            queues.values().forEach(queue -> queue.stream().filter(pending -> !pending.done)
                    .forEach(pending -> pending.span.setStatus(StatusCode.ERROR).end()));
            throw e;
        }
        return new BatchResult(outputs.stream().flatMap(List::stream).toList(), List.copyOf(eventsSent));
    }

    private void runWave(Map<String, Deque<Pending>> queues, List<List<Output>> outputs, Set<String> eventsSent) {
        List<Pending> wave = queues.values().stream().map(Deque::peekFirst).toList();
        List<CompletableFuture<Decision>> decisions = wave.stream().map(pending -> {
            Span deciding = spans.step(pending.span, "decide");
            return decide(pending).whenComplete((decision, error) -> deciding.end());
        }).toList();
        List<Pending> writing = new ArrayList<>();
        List<PlannedWrite> writes = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            Pending pending = wave.get(i);
            Decision decision;
            try {
                decision = decisions.get(i).join();
            } catch (CompletionException e) {
                finish(outputs, pending, failed(pending, e.getCause()));
                continue;
            }
            if (decision instanceof Decision.Answer answer) {
                finish(outputs, pending, answered(pending.command(), answer.reply()));
            } else {
                Decision.Change change = (Decision.Change) decision;
                pending.outcome = encoder.encode(change.outcome());
                pending.outcomeName = change.outcome().reply().getOutcome().name();
                pending.otherwise = change.otherwise().map(encoder::encode);
                pending.otherwiseName = change.otherwise().map(otherwise -> otherwise.reply().getOutcome().name()).orElse(null);
                writing.add(pending);
                writes.add(new PlannedWrite(pending.command().requestId(), change.write(), pending.outcome, pending.otherwise));
            }
        }
        List<Span> writingSpans = writing.stream().map(pending -> spans.step(pending.span, "redis write")).toList();
        List<WriteResult> results;
        try {
            results = writes.isEmpty() ? List.of() : applyAll(writes);
        } finally {
            writingSpans.forEach(Span::end);
        }
        for (int i = 0; i < writing.size(); i++) {
            Pending pending = writing.get(i);
            WriteResult result = results.get(i);
            if (result instanceof WriteResult.Stale) {
                if (++pending.attempts >= MAX_ATTEMPTS) {
                    finish(outputs, pending, givenUp(pending, new Intake.Poison(STALE_WRITE, "the state the command was decided on changed under it "
                            + MAX_ATTEMPTS + " times in a row")));
                }
                continue;
            }
            String requestId = pending.command().requestId();
            if (result instanceof WriteResult.Duplicate duplicate) {
                LOG.debug("redelivered command answered from its stored outcome requestId={} source={}", requestId,
                        pending.command().source());
                // Events go out again only if no earlier delivery (nor this batch) got them acknowledged.
                boolean resend = !duplicate.eventsPublished() && !eventsSent.contains(requestId) && !recentlyPublished.containsKey(requestId);
                EncodedOutcome stored = resend ? duplicate.stored() : duplicate.stored().withoutEvents();
                if (resend && !stored.events().isEmpty()) {
                    eventsSent.add(requestId);
                }
                finish(outputs, pending, outgoing.of(pending.command(), stored));
                metrics.command(typeOf(pending.command()), ServiceMetrics.REDELIVERED);
            } else if (result instanceof WriteResult.Otherwise) {
                EncodedOutcome otherwise = pending.otherwise.orElseThrow();
                if (!otherwise.events().isEmpty()) {
                    eventsSent.add(requestId);
                }
                finish(outputs, pending, outgoing.of(pending.command(), otherwise));
                metrics.command(typeOf(pending.command()), pending.otherwiseName);
            } else {
                if (!pending.outcome.events().isEmpty()) {
                    eventsSent.add(requestId);
                }
                finish(outputs, pending, outgoing.of(pending.command(), pending.outcome));
                metrics.command(typeOf(pending.command()), pending.outcomeName);
            }
        }
        removeDone(queues);
    }

    /** Kafka acknowledged the events of these requests (called by every loop of the service, before marking them in Redis). */
    public void published(List<String> requestIds) {
        requestIds.forEach(requestId -> recentlyPublished.put(requestId, Boolean.TRUE));
    }

    private CompletableFuture<Decision> decide(Pending pending) {
        try {
            return handler.decide(pending.command()).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<WriteResult> applyAll(List<PlannedWrite> writes) {
        try {
            return writer.apply(writes).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (StoreFailures.isUnavailable(e.getCause())) {
                throw new StoreUnavailableException(e.getCause());
            }
            throw e;
        }
    }

    /** Sets a command's records, under its reply span: it is done. */
    private void finish(List<List<Output>> outputs, Pending pending, List<Output> produced) {
        outputs.set(pending.index(), spans.answered(pending.span, produced));
        pending.done = true;
    }

    /** An unreachable store stops the batch; any other failure is this command's alone. */
    private List<Output> failed(Pending pending, Throwable failure) {
        if (StoreFailures.isUnavailable(failure)) {
            throw new StoreUnavailableException(failure);
        }
        LOG.error("command handler failed requestId={} source={}", pending.command().requestId(), pending.command().source(), failure);
        return givenUp(pending, new Intake.Poison(failure.getClass().getName(), String.valueOf(failure.getMessage())));
    }

    /** A command the service gives up on: the sender hears so at once, and the record is kept as a dead letter. */
    private List<Output> givenUp(Pending pending, Intake.Poison reason) {
        List<Output> outputs = new ArrayList<>(answered(pending.command(), Replies.error(
                "the command was not carried out (" + reason.errorClass() + "); it was kept for the operators, quote the request id")));
        outputs.add(deadLetter(pending.record(), reason));
        return outputs;
    }

    /** The records of a command answered without a write, counted by its outcome. */
    private List<Output> answered(IncomingCommand command, Reply reply) {
        metrics.command(typeOf(command), reply.getOutcome().name());
        return outgoing.of(command, encoder.encode(reply));
    }

    private static String typeOf(IncomingCommand command) {
        return command.message().getSchema().getName();
    }

    private Output deadLetter(ConsumerRecord<byte[], byte[]> record, Intake.Poison poison) {
        LOG.warn("dead letter source={}-{}@{} errorClass={} error={}", record.topic(), record.partition(), record.offset(),
                poison.errorClass(), poison.message());
        metrics.deadLetter(poison.errorClass());
        return outgoing.deadLetter(record, poison);
    }

    private static void removeDone(Map<String, Deque<Pending>> queues) {
        for (Iterator<Deque<Pending>> it = queues.values().iterator(); it.hasNext(); ) {
            Deque<Pending> queue = it.next();
            if (queue.peekFirst().done) {
                queue.removeFirst();
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
    }

    /** One command on its way through the waves. */
    private static final class Pending {
        private final int index;
        private final ConsumerRecord<byte[], byte[]> record;
        private final IncomingCommand command;
        private final Span span;
        private EncodedOutcome outcome;
        private String outcomeName;
        private Optional<EncodedOutcome> otherwise = Optional.empty();
        private String otherwiseName;
        private int attempts;
        private boolean done;

        private Pending(int index, ConsumerRecord<byte[], byte[]> record, IncomingCommand command, Span span) {
            this.index = index;
            this.record = record;
            this.command = command;
            this.span = span;
        }

        int index() {
            return index;
        }

        ConsumerRecord<byte[], byte[]> record() {
            return record;
        }

        IncomingCommand command() {
            return command;
        }
    }
}
