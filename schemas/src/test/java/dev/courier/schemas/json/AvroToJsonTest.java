package dev.courier.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreateUser;
import dev.courier.model.Post;
import dev.courier.model.PostPage;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class AvroToJsonTest {

    @Test
    void shouldWriteNestedRecordsPlainUnionsEnumsAndIsoTimestamps() {
        // given
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        Reply reply = Reply.newBuilder().setOutcome(Outcome.OK).setPayload(new Post("p-1", "alice", "Hi", "Body", at, at)).build();

        // when
        String json = AvroToJson.toJson(reply).toString();

        // then
        assertThat(json).isEqualTo("{\"outcome\":\"OK\",\"payload\":{\"postId\":\"p-1\",\"authorId\":\"alice\",\"title\":\"Hi\","
                + "\"content\":\"Body\",\"createdAt\":\"2026-01-31T12:00:00Z\",\"updatedAt\":\"2026-01-31T12:00:00Z\"},\"view\":null,\"problem\":null}");
    }

    @Test
    void shouldLeaveOutSensitiveFields() {
        // when
        String json = AvroToJson.toJson(new CreateUser("u-1", "alice", null, "s3cret-pass")).toString();

        // then
        assertThat(json).doesNotContain("password").doesNotContain("s3cret-pass").contains("\"username\":\"alice\"");
    }

    @Test
    void shouldWriteAvroArraysAsJsonArrays() {
        // given: decoded records hold GenericData.Array, which is a GenericContainer as well as a List
        Instant at = Instant.parse("2026-01-31T12:00:00Z");
        Schema schema = PostPage.getClassSchema().getField("posts").schema();
        GenericData.Array<Post> posts = new GenericData.Array<>(schema, List.of(new Post("p-1", "alice", "Hi", "Body", at, at)));

        // when
        String json = AvroToJson.toJson(new PostPage(posts, null)).toString();

        // then
        assertThat(json).startsWith("{\"posts\":[{\"postId\":\"p-1\"");
    }
}
