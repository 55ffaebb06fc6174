package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.schemas.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void shouldWriteTheRfc9457MembersAndTheRequestId() throws Exception {
        Problem problem = Problem.of(404, "request-not-found", "No such request", "no request r-1 of yours is known");

        JsonNode json = new ObjectMapper().readTree(problem.toBytes("/requests/r-1", "req-9"));

        assertThat(json.get("type").asText()).isEqualTo("urn:courier:problem:request-not-found");
        assertThat(json.get("title").asText()).isEqualTo("No such request");
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("detail").asText()).isEqualTo("no request r-1 of yours is known");
        assertThat(json.get("instance").asText()).isEqualTo("/requests/r-1");
        assertThat(json.get("requestId").asText()).isEqualTo("req-9");
        assertThat(json.has("errors")).isFalse();
    }

    @Test
    void shouldLeaveOutADetailOrInstanceItDoesNotHave() {
        JsonNode json = Problem.of(500, "internal-error", "Internal error", null).toJson(null, "req-1");

        assertThat(json.has("detail")).isFalse();
        assertThat(json.has("instance")).as("a path that must not be echoed").isFalse();
    }

    @Test
    void shouldListFieldErrorsOfAnInvalidRequest() {
        Problem problem = Problem.invalid("2 field errors", List.of(new Violation("title", Violation.MISSING, "is required"),
                new Violation("limit", Violation.TOO_LARGE, "must be at most 100")));

        JsonNode json = problem.toJson("/posts", "req-1");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(json.get("type").asText()).isEqualTo("urn:courier:problem:invalid-request");
        assertThat(json.get("errors")).hasSize(2);
        assertThat(json.get("errors").get(1).get("field").asText()).isEqualTo("limit");
        assertThat(json.get("errors").get(1).get("code").asText()).isEqualTo("too_large");
        assertThat(json.get("errors").get(1).get("message").asText()).isEqualTo("must be at most 100");
    }
}
