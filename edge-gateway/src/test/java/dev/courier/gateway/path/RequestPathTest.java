package dev.courier.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import dev.courier.auth.Authenticator;
import dev.courier.auth.BuiltInIssuer;
import dev.courier.auth.config.TokenRules;
import dev.courier.command.CreatePost;
import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.admission.PartitionLag;
import dev.courier.gateway.breaker.DependencyBreaker;
import dev.courier.gateway.cache.CacheMetrics;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.cache.Subject;
import dev.courier.gateway.command.CommandCodecs;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.config.BreakerSettings;
import dev.courier.gateway.config.HttpSettings;
import dev.courier.gateway.config.ResponseCompression;
import dev.courier.gateway.describe.ApiDescriptions;
import dev.courier.gateway.http.AccessRecords;
import dev.courier.gateway.http.BearerAuth;
import dev.courier.gateway.http.GatewayVerticle;
import dev.courier.gateway.http.HealthHandlers;
import dev.courier.gateway.http.OutcomeRenderer;
import dev.courier.gateway.http.RequestStatusHandler;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.issuer.SigningKeys;
import dev.courier.gateway.issuer.TokenIssuer;
import dev.courier.gateway.ratelimit.LocalRateLimiter;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.reply.ReplyMetrics;
import dev.courier.gateway.reply.ReplyRouter;
import dev.courier.gateway.route.LiveRoutes;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import dev.courier.gateway.route.RouteTable;
import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.testing.InMemoryRequestStore;
import dev.courier.gateway.tracing.RequestSpans;
import dev.courier.model.Post;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonLimits;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request path of the declarative routes, step by step, on a real HTTP server: Kafka's
 * {@link MockProducer} takes the commands, an in-memory store the records, and replies are handed
 * to the router as the reply consumer would.
 */
@ExtendWith(VertxExtension.class)
class RequestPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "http://gateway.test";
    private static final SingleObjectCodec<Reply> REPLIES = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
    private static final String POST_BODY = "{\"title\":\"Hello\",\"content\":\"World\"}";
    private static final int MAX_IN_FLIGHT = 2;
    /** Opens after 4 calls of which half failed, and stays open longer than any test. */
    private static final BreakerSettings BREAKERS = new BreakerSettings(true, 50, 4, Duration.ofSeconds(30), Duration.ofMinutes(1));
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicBoolean replyPartitionHeld = new AtomicBoolean(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReplyMetrics metrics = new ReplyMetrics().bindTo(meters);
    private final ReplyRouter router = new ReplyRouter(metrics);
    private final List<AccessRecords.Served> served = new CopyOnWriteArrayList<>();
    private final ResponseCache cache = new ResponseCache(1000, meters);
    private final DependencyBreaker kafkaBreaker = new DependencyBreaker("kafka", BREAKERS, meters);
    private CommandPublisher publisher;
    private HttpClient client;
    /** Requests are made on it: a response's body handler is then set before its first bytes can arrive. */
    private Context clientContext;
    private LiveRoutes live;
    private int port;
    private String token;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        SigningKeys keys = SigningKeys.loadOrGenerate(dir.resolve("signing-key.jwk"));
        token = new TokenIssuer(keys, ISSUER, "courier", Duration.ofHours(1), Clock.systemUTC()).issue("demo", Set.of("blog:write", "blog:read", "ops:read"));
        Authenticator authenticator = Authenticator.create(new TokenRules("courier", List.of(), Set.of(JWSAlgorithm.ES256),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 100, Duration.ofMinutes(1)), Optional.of(new BuiltInIssuer(ISSUER, keys.publicKeys())));
        BearerAuth auth = new BearerAuth(vertx, authenticator);
        RouteTable routes = routesWithALimitedOne();
        live = new LiveRoutes(routes);
        publisher = new CommandPublisher(producer);
        OutcomeRenderer renderer = new OutcomeRenderer();
        RequestPath path = new RequestPath(live, auth, new CommandMapper(new JsonToAvro(new JsonLimits(16, 64 * 1024))), new CommandCodecs(),
                store, publisher, new Responder(renderer), () -> ReplyTo.of("replies", 0), replyPartitionHeld::get, () -> false,
                MAX_IN_FLIGHT, new LagAdmission(new NoLag(), Duration.ofSeconds(10)),
                new AdmissionRefusals(meters, routes.routes().stream().map(Route::name).toList()),
                new LocalRateLimiter(1000), new RateLimitMetrics(meters, routes.routes()), cache, new CacheMetrics(meters),
                RequestPath.breakerRules(kafkaBreaker, new DependencyBreaker("redis", BREAKERS, meters)), RequestSpans.off());
        cache.follow(routes);
        cache.eventsRead(Set.of("courier.blog.events", "courier.user.events"));
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, URI.create("http://127.0.0.1/"), 64 * 1024, 8 * 1024, 16,
                Duration.ofSeconds(30), MAX_IN_FLIGHT, 1, new ResponseCompression(true, 1024, 4), Duration.ZERO);
        GatewayVerticle verticle = new GatewayVerticle(settings, path, new GatewayVerticle.Endpoints(null, null, new HealthHandlers(List.of()),
                new RequestStatusHandler(auth, store, () -> routes, renderer), meters, served::add,
                new ApiDescriptions(live, URI.create("http://127.0.0.1/"), "test", true)), router, metrics);
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = verticle.port();
        client = vertx.createHttpClient();
        clientContext = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() {
        publisher.close();
    }

    @Test
    void shouldProduceTheCommandWithItsHeadersAndAnswerWithTheReply() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of("traceparent", TRACEPARENT), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);

        replyTo(command, ok(post(requestIdOf(command))));
        Response response = answer.get(30, TimeUnit.SECONDS);

        assertThat(command.topic()).isEqualTo("courier.blog.commands");
        assertThat(new String(command.key(), StandardCharsets.UTF_8)).isEqualTo(requestIdOf(command));
        assertThat(header(command, CourierHeaders.REPLY_TO)).isEqualTo("replies:0");
        assertThat(header(command, CourierHeaders.PRINCIPAL)).isEqualTo("demo");
        assertThat(header(command, CourierHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("X-Request-Id")).isEqualTo(requestIdOf(command));
        assertThat(response.headers().get("Location")).isEqualTo("/posts/" + requestIdOf(command));
        assertThat(response.json().get("title").asText()).isEqualTo("Hello");
    }

    @Test
    void shouldAnswerARequestInFlightUnderTheRouteItMatchedWhenTheRoutesAreReloaded() throws Exception {
        // given: a post waiting for its reply
        CompletableFuture<Response> inFlight = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);

        // when: the routes are reloaded without create-post, and the reply comes
        live.replace(new RouteTable(live.get().routes().stream().filter(route -> !route.name().equals("create-post")).toList()));
        replyTo(command, ok(post(requestIdOf(command))));

        // then: answered as create-post answers; a new post finds no route
        Response response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("Location")).isEqualTo("/posts/" + requestIdOf(command));
        assertThat(send(HttpMethod.POST, "/posts", Map.of(), POST_BODY).get(30, TimeUnit.SECONDS).status()).isEqualTo(404);
    }

    @Test
    void shouldDescribeTheRoutesInForceAtOpenApiJsonWithoutAToken() throws Exception {
        Response before = send(HttpMethod.GET, "/openapi.json", Map.of("Authorization", ""), null).get(30, TimeUnit.SECONDS);
        live.replace(new RouteTable(live.get().routes().stream().filter(route -> !route.name().equals("create-post")).toList()));
        Response after = send(HttpMethod.GET, "/openapi.json", Map.of("Authorization", ""), null).get(30, TimeUnit.SECONDS);

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(before.json().at("/paths/~1posts/post/operationId").asText()).isEqualTo("create-post");
        assertThat(after.json().at("/paths/~1posts/post").isMissingNode()).as("reloaded away").isTrue();
        Response topics = send(HttpMethod.GET, "/asyncapi.json", Map.of("Authorization", ""), null).get(30, TimeUnit.SECONDS);
        assertThat(topics.status()).as(topics.body()).isEqualTo(200);
        assertThat(topics.json().path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void shouldTellTheAccessRecordOfAnAnsweredRequestWithItsRouteStatusPrincipalAndReplyWait() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);

        replyTo(command, ok(post(requestIdOf(command))));
        answer.get(30, TimeUnit.SECONDS);

        assertThat(served).singleElement().satisfies(record -> {
            assertThat(record.route()).isEqualTo("create-post");
            assertThat(record.method()).isEqualTo("POST");
            assertThat(record.status()).isEqualTo(201);
            assertThat(record.principal()).isEqualTo("demo");
            assertThat(record.replyWaitNanos()).isPositive().isLessThanOrEqualTo(record.gatewayNanos());
        });
    }

    @Test
    void shouldNotClaimASynchronousRequestWithoutAKeyButRecordItWholeWhenItsReplyComes() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);
        String requestId = requestIdOf(command);
        assertThat(store.recordOf(requestId)).isEmpty();

        store.record(router.route(List.of(new ArrivedReply(requestId, ok(post(requestId))))));

        assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(store.claims()).isZero();
        assertThat(store.recordOf(requestId)).hasValueSatisfying(record -> {
            assertThat(record.principal()).isEqualTo("demo");
            assertThat(record.route()).isEqualTo("create-post");
            assertThat(record.reply()).isPresent();
        });
    }

    @Test
    void shouldPutATimedOutRequestOnRecordBeforeAnswering504WithItsLocation() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of("Prefer", "wait=1"), POST_BODY).get(30, TimeUnit.SECONDS);

        String requestId = response.headers().get("X-Request-Id");
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.headers().get("Location")).isEqualTo("/requests/" + requestId);
        assertThat(store.recordOf(requestId)).hasValueSatisfying(record -> {
            assertThat(record.principal()).isEqualTo("demo");
            assertThat(record.reply()).isEmpty();
        });
        Response status = send(HttpMethod.GET, "/requests/" + requestId, Map.of(), null).get(30, TimeUnit.SECONDS);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void shouldAnswer504WithoutALocationWhenTheTimedOutRequestCannotBePutOnRecord() throws Exception {
        store.reachable(false);

        Response response = send(HttpMethod.POST, "/posts", Map.of("Prefer", "wait=1"), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.headers().get("Location")).isNull();
        assertThat(response.json().get("detail").asText()).contains("could not be put on record");
    }

    @Test
    void shouldClaimAnAsyncRequestBeforeProducingAndAnswer202WhenKafkaHasIt() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of("Prefer", "respond-async"), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);
        String requestId = requestIdOf(command);
        assertThat(store.recordOf(requestId)).isPresent();
        assertThat(answer).isNotDone();

        producer.completeNext();
        Response response = answer.get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().get("Preference-Applied")).isEqualTo("respond-async");
        assertThat(response.headers().get("Location")).isEqualTo("/requests/" + requestId);
    }

    @Test
    void shouldProduceNothingAndAnswer503WhenAnAsyncRequestCannotBeClaimed() throws Exception {
        store.reachable(false);

        Response response = send(HttpMethod.POST, "/posts", Map.of("Prefer", "respond-async"), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("1");
        assertThat(response.json().get("detail").asText()).isEqualTo("Redis did not accept the request");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAnswer429WithRetryAfterAndProduceNothingOnceACallerHasSpentTheRouteRateLimit() throws Exception {
        // given: the limited route lets each caller make 2 requests an hour
        for (int i = 1; i <= 2; i++) {
            CompletableFuture<Response> answer = send(HttpMethod.POST, "/limited/posts", Map.of("Prefer", "respond-async"), POST_BODY);
            producedCommand(i);
            producer.completeNext();
            Response allowed = answer.get(30, TimeUnit.SECONDS);
            assertThat(allowed.status()).isEqualTo(202);
            assertThat(allowed.headers().get("RateLimit-Policy")).isEqualTo("\"limited-post\";q=2;w=3600");
            assertThat(allowed.headers().get("RateLimit")).startsWith("\"limited-post\";r=" + (2 - i) + ";t=");
        }

        // when
        Response refused = send(HttpMethod.POST, "/limited/posts", Map.of("Prefer", "respond-async"), POST_BODY).get(30, TimeUnit.SECONDS);

        // then: a new token every 30 minutes
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isBetween(1L, 1800L);
        assertThat(refused.headers().get("RateLimit")).matches("\"limited-post\";r=0;t=\\d+");
        assertThat(refused.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:courier:problem:rate-limited");
        assertThat(refused.json().get("detail").asText()).contains("2 requests per 3600 s");
        assertThat(producer.history()).hasSize(2);
        assertThat(meters.get("courier.rate.limit.decisions").tags("route", "limited-post", "result", "limited", "decided_by", "local")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void shouldPutNoRateLimitHeadersOnARouteWithoutALimit() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of("Prefer", "respond-async"), POST_BODY);
        producedCommand(1);
        producer.completeNext();

        Response response = answer.get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().get("RateLimit-Policy")).isNull();
        assertThat(response.headers().get("RateLimit")).isNull();
    }

    @Test
    void shouldAnswer503AtOnceWithoutProducingWhileKafkasBreakerIsOpen() throws Exception {
        // given: Kafka refused the last four commands
        for (int i = 1; i <= 4; i++) {
            CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
            producedCommand(i);
            producer.errorNext(new KafkaException("the broker is gone"));
            assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(503);
        }

        // when
        Response refused = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY).get(30, TimeUnit.SECONDS);

        // then
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:courier:problem:kafka-unavailable");
        assertThat(refused.headers().get("Retry-After")).isEqualTo("60");
        assertThat(producer.history()).as("nothing more sent into the wall").hasSize(4);
        assertThat(meters.get("courier.breaker.state").tags("dependency", "kafka").gauge().value()).isEqualTo(1);
        assertThat(meters.get("courier.admission.refusals").tags("route", "create-post", "reason", "kafka-unavailable").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldAnswer503WhenKafkaRefusesTheCommand() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        producedCommand(1);

        producer.errorNext(new KafkaException("the topic is gone"));
        Response response = answer.get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("detail").asText()).isEqualTo("Kafka did not accept the request");
        assertThat(metrics.pending()).isZero();
    }

    @Test
    void shouldAnswer503OverloadedWhenTheProducersBufferIsFullWithoutCountingItAgainstKafka() throws Exception {
        // given: four commands Kafka's producer had no room for, as it tells a full buffer with max.block.ms=0
        for (int i = 1; i <= 4; i++) {
            CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
            producedCommand(i);
            producer.errorNext(new BufferExhaustedException("Failed to allocate 1024 bytes within the configured max blocking time 0 ms"));
            Response response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:overloaded");
            assertThat(response.headers().get("Retry-After")).isEqualTo("1");
        }

        // when
        CompletableFuture<Response> next = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);

        // then: the breaker (it opens after four failed calls) stayed closed, so the next command is sent
        ProducerRecord<byte[], byte[]> command = producedCommand(5);
        replyTo(command, ok(post(requestIdOf(command))));
        assertThat(next.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(refusals("overloaded")).isEqualTo(4);
        assertThat(metrics.pending()).isZero();
    }

    @Test
    void shouldAnswerARetryWithAnIdempotencyKeyFromTheStoredOutcomeWithoutProducingAgain() throws Exception {
        Map<String, String> keyed = Map.of("Idempotency-Key", "k-1");
        CompletableFuture<Response> first = send(HttpMethod.POST, "/posts", keyed, POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);
        store.record(router.route(List.of(new ArrivedReply(requestIdOf(command), ok(post(requestIdOf(command)))))));
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);

        Response retry = send(HttpMethod.POST, "/posts", keyed, POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().get("X-Request-Id")).isEqualTo(requestIdOf(command));
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRequestWith422() throws Exception {
        Map<String, String> keyed = Map.of("Idempotency-Key", "k-2", "Prefer", "respond-async");
        CompletableFuture<Response> first = send(HttpMethod.POST, "/posts", keyed, POST_BODY);
        producedCommand(1);
        producer.completeNext();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);

        Response reuse = send(HttpMethod.POST, "/posts", keyed, "{\"title\":\"Other\",\"content\":\"World\"}").get(30, TimeUnit.SECONDS);

        assertThat(reuse.status()).isEqualTo(422);
        assertThat(reuse.json().get("type").asText()).isEqualTo("urn:courier:problem:idempotency-key-reused");
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldRefuseAnInvalidIdempotencyKeyWith400() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of("Idempotency-Key", "\u00e9t\u00e9"), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:invalid-idempotency-key");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldListEveryViolationOfTheCommandAndProduceNothing() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of(), "{\"title\":3}").get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).isNotEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAnswer404ForAPathNoRouteHas() throws Exception {
        Response response = send(HttpMethod.GET, "/nowhere", Map.of(), null).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:route-not-found");
    }

    @Test
    void shouldAnswer405WithTheAllowedMethods() throws Exception {
        Response response = send(HttpMethod.PUT, "/posts", Map.of(), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("POST");
    }

    @Test
    void shouldAnswer401WithoutAToken() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of("Authorization", ""), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("WWW-Authenticate")).startsWith("Bearer");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseSynchronousRequestsButTakeAsyncOnesWhileNoReplyPartitionIsHeld() throws Exception {
        replyPartitionHeld.set(false);

        Response sync = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY).get(30, TimeUnit.SECONDS);
        CompletableFuture<Response> async = send(HttpMethod.POST, "/posts", Map.of("Prefer", "respond-async"), POST_BODY);
        producedCommand(1);
        producer.completeNext();

        assertThat(sync.status()).isEqualTo(503);
        assertThat(sync.json().get("type").asText()).isEqualTo("urn:courier:problem:no-reply-partition");
        assertThat(async.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
        assertThat(refusals("no-reply-partition")).isEqualTo(1);
    }

    @Test
    void shouldRefuseWith503AtOnceBeyondTheRequestsInFlightAndTakeMoreOnceTheyAreAnswered() throws Exception {
        CompletableFuture<Response> first = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        CompletableFuture<Response> second = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        List<ProducerRecord<byte[], byte[]>> commands = List.of(producedCommand(1), producedCommand(2));

        Response third = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY).get(30, TimeUnit.SECONDS);
        commands.forEach(command -> replyTo(command, ok(post(requestIdOf(command)))));
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        CompletableFuture<Response> fourth = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        ProducerRecord<byte[], byte[]> fourthCommand = producedCommand(3);
        replyTo(fourthCommand, ok(post(requestIdOf(fourthCommand))));

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.headers().get("Retry-After")).isEqualTo("1");
        assertThat(third.json().get("type").asText()).isEqualTo("urn:courier:problem:overloaded");
        assertThat(fourth.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(refusals("overloaded")).isEqualTo(1);
    }

    @Test
    void shouldAnswerAServiceRejectionAsAProblemFromTheReply() throws Exception {
        CompletableFuture<Response> answer = send(HttpMethod.POST, "/posts", Map.of(), POST_BODY);
        ProducerRecord<byte[], byte[]> command = producedCommand(1);

        replyTo(command, REPLIES.encode(Reply.newBuilder().setOutcome(Outcome.CONFLICT).build()));

        assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(409);
    }

    private double refusals(String reason) {
        return meters.get("courier.admission.refusals").tag("route", "create-post").tag("reason", reason).counter().count();
    }

    /** The reply consumer's part: route the reply, which completes the waiting request. */
    private void replyTo(ProducerRecord<byte[], byte[]> command, byte[] reply) {
        router.route(List.of(new ArrivedReply(requestIdOf(command), reply)));
    }

    /** Waits until the producer has been handed {@code count} commands and returns the last; none is acknowledged yet. */
    @Test
    void shouldRefuseARangeThatEndsBeforeItStartsAtTheEdgeWithoutProducing() throws Exception {
        Response response = send(HttpMethod.GET, "/analytics/routes?from=2026-11-30T12:00:00Z&to=2026-11-30T11:00:00Z", Map.of(), null)
                .get(30, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldInflateAGzipBodyAndProduceTheCommand() throws Exception {
        CompletableFuture<Response> answer = sendBytes(HttpMethod.POST, "/posts", Map.of("Content-Encoding", "gzip"), gzip(POST_BODY));
        ProducerRecord<byte[], byte[]> command = producedCommand(1);

        replyTo(command, ok(post(requestIdOf(command))));

        assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        SpecificRecord decoded = ((DecodeResult.Decoded<SpecificRecord>) new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released())
                .decode(command.value())).message();
        assertThat(((CreatePost) decoded).getTitle()).isEqualTo("Hello");
    }

    @Test
    void shouldRefuseABodyThatInflatesBeyondTheLimitWith413AndProduceNothing() throws Exception {
        // a few kilobytes on the wire, 16 MiB of JSON whitespace once inflated
        byte[] bomb = gzip("{\"title\":\"x\",\"content\":\"y\"" + " ".repeat(16 * 1024 * 1024) + "}");
        assertThat(bomb.length).isLessThan(64 * 1024);

        Response response = sendBytes(HttpMethod.POST, "/posts", Map.of("Content-Encoding", "gzip"), bomb).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("detail").asText()).contains("inflates beyond");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseABodyThatIsNotGzipWith400() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of("Content-Encoding", "gzip"), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("The body is not valid gzip");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseAnotherContentCodingWith415NamingGzip() throws Exception {
        Response response = send(HttpMethod.POST, "/posts", Map.of("Content-Encoding", "br"), POST_BODY).get(30, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.headers().get("Accept-Encoding")).isEqualTo("gzip");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldServeAKeptAnswerWithItsTagWithoutProducingAndAnswer304WhenTheTagMatches() throws Exception {
        // given: a first read, answered by the service
        Response first = getPost(post("p-1"), Map.of());
        String etag = first.headers().get("ETag");

        // when
        Response again = send(HttpMethod.GET, "/posts/p-1", Map.of(), null).get(30, TimeUnit.SECONDS);
        Response revalidated = send(HttpMethod.GET, "/posts/p-1", Map.of("If-None-Match", "\"other\", " + etag), null).get(30, TimeUnit.SECONDS);

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(etag).matches("\"[A-Za-z0-9_-]{16}\"");
        assertThat(first.headers().get("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().get("ETag")).isEqualTo(etag);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.raw()).isEmpty();
        assertThat(revalidated.headers().get("ETag")).isEqualTo(etag);
        assertThat(producer.history()).as("only the first read reached Kafka").hasSize(1);
        assertThat(meters.get("courier.cache.lookups").tags("route", "get-post", "result", "hit").counter().count()).isEqualTo(1);
        assertThat(meters.get("courier.cache.lookups").tags("route", "get-post", "result", "revalidated").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldReadAgainOnceAnEventToldOfAChange() throws Exception {
        getPost(post("p-1"), Map.of());

        cache.changed(new Subject("courier.blog.events", "p-1"));
        Post changed = post("p-1");
        changed.setTitle("Changed");
        Response after = getPost(changed, Map.of());

        assertThat(after.json().get("title").asText()).isEqualTo("Changed");
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldNotKeepAnAnswerReadBeforeAChangeThatWasToldWhileItWasUnderWay() throws Exception {
        // given: a read under way
        CompletableFuture<Response> underWay = send(HttpMethod.GET, "/posts/p-1", Map.of(), null);
        ProducerRecord<byte[], byte[]> read = producedCommand(1);

        // when: a change is told before its answer comes
        cache.changed(new Subject("courier.blog.events", "p-1"));
        replyTo(read, ok(post("p-1")));

        // then: its caller gets it, but the next read goes to the service
        assertThat(underWay.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        Post changed = post("p-1");
        changed.setTitle("Changed");
        assertThat(getPost(changed, Map.of()).json().get("title").asText()).isEqualTo("Changed");
    }

    @Test
    void shouldMakeTheKeptAnswerStaleBeforeAnsweringAWriteThroughThisGateway() throws Exception {
        // given: a kept answer
        getPost(post("p-1"), Map.of());

        // when: the post is updated through this gateway
        CompletableFuture<Response> update = send(HttpMethod.PATCH, "/posts/p-1", Map.of(), "{\"title\":\"Changed\"}");
        ProducerRecord<byte[], byte[]> write = producedCommand(2);
        Post changed = post("p-1");
        changed.setTitle("Changed");
        replyTo(write, ok(changed));
        assertThat(update.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        // then: the next read goes to the service
        assertThat(getPost(changed, Map.of()).json().get("title").asText()).isEqualTo("Changed");
        assertThat(meters.get("courier.cache.invalidations").tags("source", "write").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldKeepNothingWhileTheEventsAreNotRead() throws Exception {
        cache.eventsRead(Set.of());

        getPost(post("p-1"), Map.of());
        getPost(post("p-1"), Map.of());

        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldCompressALargeAnswerForAClientThatAcceptsGzipAndOnlyThen() throws Exception {
        Post large = post("p-1");
        large.setContent("a long post ".repeat(500));

        Response compressed = getPost(large, Map.of("Accept-Encoding", "gzip"));
        Response plain = send(HttpMethod.GET, "/posts/p-1", Map.of(), null).get(30, TimeUnit.SECONDS); // the kept answer

        assertThat(compressed.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(compressed.raw().length).isLessThan(plain.raw().length / 10);
        assertThat(JSON.readTree(inflate(compressed.raw())).get("content").asText()).isEqualTo(large.getContent());
        assertThat(plain.headers().get("Content-Encoding")).isNull();
    }

    @Test
    void shouldNotCompressASmallAnswer() throws Exception {
        Response small = getPost(post("p-1"), Map.of("Accept-Encoding", "gzip"));

        assertThat(small.status()).isEqualTo(200);
        assertThat(small.headers().get("Content-Encoding")).isNull();
    }

    private Response getPost(Post post, Map<String, String> headers) throws Exception {
        int before = producer.history().size();
        CompletableFuture<Response> answer = send(HttpMethod.GET, "/posts/" + post.getPostId(), headers, null);
        ProducerRecord<byte[], byte[]> command = producedCommand(before + 1);
        replyTo(command, ok(post));
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] inflate(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    /** The default routes, and create-post again at /limited/posts with 2 requests an hour per caller. */
    private static RouteTable routesWithALimitedOne() throws IOException {
        try (var in = RouteFile.class.getClassLoader().getResourceAsStream(RouteFile.DEFAULT_RESOURCE)) {
            String defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String limited = """

                      - name: limited-post
                        method: POST
                        path: /limited/posts
                        command: CreatePost
                        topic: courier.blog.commands
                        key: postId
                        scopes: [blog:write]
                        timeout: 5s
                        fields: {postId: request-id}
                        body: true
                        rate-limit: {requests: 2, per: 1h}
                    """;
            return RouteFile.parse((defaults + limited).getBytes(StandardCharsets.UTF_8), "test routes");
        }
    }

    private ProducerRecord<byte[], byte[]> producedCommand(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (producer.history().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no command " + count + " was produced; produced " + producer.history().size());
            }
            Thread.onSpinWait();
        }
        return producer.history().get(count - 1);
    }

    private static String requestIdOf(ProducerRecord<byte[], byte[]> command) {
        return header(command, CourierHeaders.REQUEST_ID);
    }

    private static String header(ProducerRecord<byte[], byte[]> command, String name) {
        return CourierHeaders.lastString(command.headers(), name).orElse(null);
    }

    private static Post post(String id) {
        return new Post(id, "demo", "Hello", "World", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static byte[] ok(Post post) {
        return REPLIES.encode(Reply.newBuilder().setOutcome(Outcome.OK).setPayload(post).build());
    }

    private CompletableFuture<Response> send(HttpMethod method, String path, Map<String, String> headers, String body) {
        return sendBytes(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Response> sendBytes(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
        MultiMap requestHeaders = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token);
        if (body != null) {
            requestHeaders.add("Content-Type", "application/json");
        }
        headers.forEach(requestHeaders::set);
        if ("".equals(requestHeaders.get("Authorization"))) {
            requestHeaders.remove("Authorization");
        }
        options.setHeaders(requestHeaders);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        clientContext.runOnContext(ignored -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), response.headers(), bytes.toString(),
                        bytes.getBytes())))
                .onSuccess(answer::complete).onFailure(answer::completeExceptionally));
        return answer;
    }

    private record Response(int status, MultiMap headers, String body, byte[] raw) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    /** Lag admission with nothing known: it lets every request through. */
    private static final class NoLag implements PartitionLag {
        @Override
        public OptionalInt partitions(String topic) {
            return OptionalInt.empty();
        }

        @Override
        public Expectation expect(Watch watch, int partition) {
            return new Unknown();
        }
    }
}
