package dev.courier.schemas.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    /** The copy shipped for readers; {@code -Dasyncapi.write=true} writes it again from the schemas. */
    private static final Path SHIPPED = Path.of("").toAbsolutePath().getParent().resolve("docs/asyncapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldBeAValidAsyncApi30DocumentByTheSpecificationsPublishedSchema() throws IOException {
        ObjectNode document = AsyncApiDocument.of("test");

        List<Error> errors = asyncApiSchema().validate(document.toString(), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void shouldHaveTheSchemaRefuseADocumentMissingWhatTheSpecificationRequires() throws IOException {
        ObjectNode document = AsyncApiDocument.of("test");
        document.remove("info");
        ((ObjectNode) document.at("/operations/sendBlogCommands")).put("action", "publish");

        List<Error> errors = asyncApiSchema().validate(document.toString(), InputFormat.JSON);

        assertThat(errors).isNotEmpty();
    }

    @Test
    void shouldDescribeEachCommandInBothEncodingsWithItsHeadersAndKey() {
        JsonNode document = AsyncApiDocument.of("test");

        JsonNode avro = document.at("/components/messages/CreatePost");
        assertThat(avro.at("/contentType").asText()).isEqualTo("application/vnd.apache.avro+single-object");
        assertThat(avro.at("/payload/schema/name").asText()).isEqualTo("CreatePost");
        assertThat(avro.at("/bindings/kafka/key/description").asText()).isEqualTo("the post id");
        JsonNode json = document.at("/components/messages/CreatePostJson");
        assertThat(json.at("/headers/properties/courier-message-type/const").asText()).isEqualTo("dev.courier.command.CreatePost");
        assertThat(json.at("/headers/required").toString()).contains("courier-request-id", "content-type", "courier-message-type");
        assertThat(document.at("/components/schemas/CreatePost/properties/title/maxLength").isNumber()).isTrue();
        assertThat(document.at("/channels/blogEvents/messages/PostUpdated/$ref").asText()).isEqualTo("#/components/messages/PostUpdated");
        assertThat(document.at("/channels/blog-commands-dlq/address").asText()).isEqualTo("courier.blog.commands.dlq");
    }

    @Test
    void shouldShipTheDocumentTheSchemasDescribeNow() throws IOException {
        String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(AsyncApiDocument.of("0.1.0")) + "\n";
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(SHIPPED, generated);
        }

        assertThat(Files.readString(SHIPPED)).as("docs/asyncapi.json is out of date: run "
                + "./mvnw -q -pl schemas test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true").isEqualTo(generated);
    }

    private static Schema asyncApiSchema() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/specifications/asyncapi-3.0.0-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }
}
