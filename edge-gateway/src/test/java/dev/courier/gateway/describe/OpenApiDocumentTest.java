package dev.courier.gateway.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.courier.gateway.route.RouteFile;
import dev.courier.gateway.route.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final RouteTable DEFAULTS = RouteFile.load(Optional.empty());

    @Test
    void shouldBeAValidOpenApi31DocumentByTheSpecificationsPublishedSchema() throws IOException {
        ObjectNode document = OpenApiDocument.of(DEFAULTS, URI.create("http://127.0.0.1:8080/"), "test", true);

        List<Error> errors = openApiSchema().validate(document.toString(), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void shouldDescribeBearerTokensWithoutATokenUrlWhenTheGatewayIssuesNone() throws IOException {
        // given: the built-in issuer off, tokens come from trusted issuers only
        ObjectNode document = OpenApiDocument.of(DEFAULTS, URI.create("http://127.0.0.1:8080/"), "test", false);

        // then: a valid document whose scheme names no /oauth2/token, and operations still list their scopes
        assertThat(openApiSchema().validate(document.toString(), InputFormat.JSON)).isEmpty();
        assertThat(document.toString()).doesNotContain("/oauth2/token");
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1posts/post/security/0/bearer/0").asText()).isEqualTo("blog:write");
    }

    @Test
    void shouldHaveTheSchemaRefuseADocumentMissingWhatTheSpecificationRequires() throws IOException {
        ObjectNode document = OpenApiDocument.of(DEFAULTS, URI.create("http://127.0.0.1:8080/"), "test", true);
        document.remove("info");
        ((ObjectNode) document.at("/paths/~1posts/post")).remove("responses");
        ((ObjectNode) document.at("/paths/~1posts/post")).put("operationId", 42);

        List<Error> errors = openApiSchema().validate(document.toString(), InputFormat.JSON);

        assertThat(errors).extracting(Error::getMessage).contains("required property 'info' not found", "integer found, string expected");
    }

    @Test
    void shouldDescribeEachRoutesParametersBodyScopesAndAnswers() {
        JsonNode document = OpenApiDocument.of(DEFAULTS, URI.create("http://127.0.0.1:8080/"), "test", true);

        JsonNode createPost = document.at("/paths/~1posts/post");
        assertThat(createPost.at("/security/0/oauth2/0").asText()).isEqualTo("blog:write");
        JsonNode body = createPost.at("/requestBody/content/application~1json/schema");
        assertThat(body.at("/properties").fieldNames()).toIterable().contains("title", "content").doesNotContain("postId");
        assertThat(body.at("/properties/title/maxLength").isNumber()).isTrue();
        assertThat(createPost.at("/responses/201/headers/Location").isObject()).isTrue();
        assertThat(createPost.at("/responses/400/$ref").asText()).isEqualTo("#/components/responses/Problem400");
        JsonNode getPost = document.at("/paths/~1posts~1{id}/get");
        assertThat(getPost.at("/parameters/0/name").asText()).isEqualTo("id");
        assertThat(getPost.at("/parameters/0/in").asText()).isEqualTo("path");
        assertThat(getPost.at("/responses/304").isObject()).as("a cached route revalidates").isTrue();
        assertThat(getPost.at("/responses/200/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Post");
        JsonNode deletePost = document.at("/paths/~1posts~1{id}/delete/responses");
        assertThat(deletePost.has("204")).as("a route whose reply carries nothing").isTrue();
        assertThat(deletePost.has("200")).isFalse();
        JsonNode routeStats = document.at("/paths/~1analytics~1routes/get/parameters");
        assertThat(routeStats.findValuesAsText("in")).contains("query");
        assertThat(document.at("/components/schemas/Post/properties/postId/type").asText()).isEqualTo("string");
        assertThat(document.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl").asText())
                .isEqualTo("http://127.0.0.1:8080/oauth2/token");
        assertThat(document.at("/components/securitySchemes/oauth2/flows/clientCredentials/scopes").has("ops:read")).isTrue();
    }

    private static Schema openApiSchema() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/specifications/openapi-3.1-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }
}
