package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every default route through real HTTP, Kafka, both services and Redis: success and error paths. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRoutesIT {

    private Stack stack;
    private Gateway gateway;
    private Http http;
    private String token;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("routes-gw", Map.of(dev.courier.gateway.config.GatewayConfig.HTTP_MAX_BODY, "4096"));
        http = new Http(gateway.port());
        token = http.token("demo", Stack.DEMO_SECRET);
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @Test
    void shouldCreateReadUpdateListAndDeleteAPostThroughTheDefaultRoutes() {
        Http.Response created = http.request("POST", "/posts").bearer(token).json("{\"title\":\"Hello\",\"content\":\"First post\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String postId = created.json().get("postId").asText();
        assertThat(created.header("Location")).isEqualTo("/posts/" + postId);
        assertThat(created.json().get("authorId").asText()).isEqualTo("demo");
        assertThat(created.header("X-Request-Id")).isEqualTo(postId);
        assertThat(created.header("Server-Timing")).matches("gateway;dur=[0-9.]+, reply;dur=[0-9.]+");

        Http.Response read = http.request("GET", "/posts/" + postId).bearer(token).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("title").asText()).isEqualTo("Hello");

        Http.Response updated = http.request("PATCH", "/posts/" + postId).bearer(token).json("{\"title\":\"Hello again\"}").send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("title").asText()).isEqualTo("Hello again");
        assertThat(updated.json().get("content").asText()).isEqualTo("First post");

        Http.Response listed = http.request("GET", "/users/demo/posts?limit=5").bearer(token).send();
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().get("posts").findValuesAsText("postId")).as(listed.toString()).contains(postId);

        Http.Response deleted = http.request("DELETE", "/posts/" + postId).bearer(token).send();
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        assertThat(http.request("GET", "/posts/" + postId).bearer(token).send().status()).isEqualTo(404);
    }

    @Test
    void shouldCreateAndReadAUserWithoutEverReturningThePassword() {
        String username = "ada" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.request("POST", "/users").bearer(token)
                .json("{\"username\":\"" + username + "\",\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String userId = created.json().get("userId").asText();
        assertThat(created.header("Location")).isEqualTo("/users/" + userId);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        assertThat(created.body()).doesNotContain("correct horse battery").doesNotContain("password");

        Http.Response read = http.request("GET", "/users/" + userId).bearer(token).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("username").asText()).isEqualTo(username);
    }

    @Test
    void shouldAnswer400WithEveryFieldErrorWhenTheBodyDoesNotMapToTheCommand() {
        Http.Response response = http.request("POST", "/posts").bearer(token)
                .json("{\"title\": 42, \"content\": \"" + "x".repeat(20_001).substring(0, 3000) + "\", \"tags\": []}").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("title", "tags");
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
        Http.Response response = http.request("POST", "/posts").bearer(token).json("{\"title\": ").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:invalid-request");
        assertThat(response.json().get("errors").get(0).get("code").asText()).isEqualTo("malformed");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() {
        Http.Response response = http.request("POST", "/posts").bearer(token)
                .json("{\"title\":\"big\",\"content\":\"" + "x".repeat(5000) + "\"}").send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("requestId").asText()).isNotBlank();
    }

    @Test
    void shouldAnswer422WithFieldErrorsWhenTheServiceRejectsTheCommand() {
        Http.Response response = http.request("POST", "/posts").bearer(token).json("{\"title\":\"   \",\"content\":\"x\"}").send();

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("title");
        assertThat(response.json().get("errors").get(0).get("code").asText()).isEqualTo("blank");
    }

    @Test
    void shouldAnswer404ForAnUnknownPostAndAnUnknownUser() {
        assertThat(http.request("GET", "/posts/" + UUID.randomUUID()).bearer(token).send().status()).isEqualTo(404);
        Http.Response user = http.request("GET", "/users/" + UUID.randomUUID()).bearer(token).send();
        assertThat(user.status()).isEqualTo(404);
        assertThat(user.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswer409WhenTheUsernameIsTaken() {
        String body = "{\"username\":\"dup" + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\"long enough pw\"}";
        assertThat(http.request("POST", "/users").bearer(token).json(body).send().status()).isEqualTo(201);

        Http.Response second = http.request("POST", "/users").bearer(token).json(body).send();

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("errors").get(0).get("field").asText()).isEqualTo("username");
    }

    @Test
    void shouldAnswer403WhenSomeoneElseUpdatesOrDeletesThePost() {
        String postId = http.request("POST", "/posts").bearer(token).json("{\"title\":\"Mine\",\"content\":\"x\"}").send()
                .json().get("postId").asText();
        String other = http.token("other-author", Stack.DEMO_SECRET);

        Http.Response update = http.request("PATCH", "/posts/" + postId).bearer(other).json("{\"title\":\"Theirs\"}").send();
        Http.Response delete = http.request("DELETE", "/posts/" + postId).bearer(other).send();

        assertThat(update.status()).as(update.toString()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(http.request("GET", "/posts/" + postId).bearer(token).send().json().get("title").asText()).isEqualTo("Mine");
    }

    @Test
    void shouldAnswer404ForAnUnknownRouteAnd405WithAllowForAWrongMethod() {
        Http.Response unknown = http.request("GET", "/nothing/here").bearer(token).send();
        Http.Response wrongMethod = http.request("PUT", "/posts/abc").bearer(token).json("{}").send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("DELETE, GET, PATCH");
        assertThat(wrongMethod.json().get("requestId").asText()).isEqualTo(wrongMethod.header("X-Request-Id"));
    }

    @Test
    void shouldEchoAWellFormedCorrelationIdAndReplaceAMalformedOne() {
        Http.Response echoed = http.request("GET", "/posts/x").bearer(token).header("X-Correlation-Id", "trace-42").send();
        Http.Response replaced = http.request("GET", "/posts/x").bearer(token).header("X-Correlation-Id", "bad id with spaces").send();

        assertThat(echoed.header("X-Correlation-Id")).isEqualTo("trace-42");
        assertThat(replaced.header("X-Correlation-Id")).isEqualTo(replaced.header("X-Request-Id"));
    }

    @Test
    void shouldPublishDiscoveryAndKeysAndReportReady() {
        Http.Response discovery = http.request("GET", "/.well-known/openid-configuration").send();
        Http.Response jwks = http.request("GET", "/.well-known/jwks.json").send();
        Http.Response ready = http.request("GET", "/health/ready").send();

        assertThat(discovery.json().get("token_endpoint").asText()).endsWith("/oauth2/token");
        assertThat(discovery.json().get("issuer").asText()).isEqualTo("http://courier.test");
        assertThat(jwks.json().get("keys").get(0).has("d")).as("private part must never be published").isFalse();
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(http.request("GET", "/health/live").send().status()).isEqualTo(200);
    }
}
