package dev.courier.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreateUser;
import dev.courier.command.GetPost;
import dev.courier.command.GetUserByUsername;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.command.UpdatePost;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    @Test
    void shouldFindOverLongStringsInsideUnionsOfAnAvroRecord() {
        // when
        var violations = RecordValidator.validate(new UpdatePost("p-1", "t".repeat(201), null));

        // then
        assertThat(violations).containsExactly(new Violation("title", Violation.TOO_LONG, "must be at most 200 characters, was 201"));
    }

    @Test
    void shouldFindNumbersOutOfRange() {
        assertThat(RecordValidator.validate(new ListPostsByAuthor("alice", null, 0)))
                .containsExactly(new Violation("limit", Violation.TOO_SMALL, "must be at least 1, was 0"));
    }

    @Test
    void shouldRefuseIdsThatBreakTheirPatternSoNoControlCharacterReachesAKey() {
        assertThat(RecordValidator.validate(new GetPost("a\u0000b")))
                .containsExactly(new Violation("postId", Violation.MALFORMED, "must be 1 to 64 letters, digits, '.', '_', '~' or '-'"));
        assertThat(RecordValidator.validate(new ListPostsByAuthor("corp:alice smith", null, 10)))
                .extracting(Violation::field).containsExactly("authorId");
        assertThat(RecordValidator.validate(new GetPost("p-1\n"))).as("a trailing line break").hasSize(1);
        assertThat(RecordValidator.validate(new GetPost("p-1\r\n"))).hasSize(1);
        assertThat(RecordValidator.validate(new GetUserByUsername("alice\u2028"))).hasSize(1);
        assertThat(RecordValidator.validate(new CreateUser("u-1", "alice", "a@b.c\n", "long enough"))).extracting(Violation::field)
                .containsExactly("email");
        assertThat(RecordValidator.validate(new CreateUser("u-1", "alice", "a\u2028@b.c", "        "))).extracting(Violation::field)
                .containsExactly("email", "password");
        assertThat(RecordValidator.validate(new GetPost("5b0e7c1e-0d8a-4f7e-9d7a-2b2b0f1c9e11"))).isEmpty();
    }

    @Test
    void shouldAcceptARecordWithinItsBounds() {
        assertThat(RecordValidator.validate(new ListPostsByAuthor("alice", null, 100))).isEmpty();
    }
}
