package dev.courier.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetRouteStats;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.json.JsonToAvro;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schema's timeRange rule, held wherever its fields' bounds are: in the JSON mapping and on a decoded record. */
class RecordRulesTest {

    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void shouldRefuseARangeThatDoesNotEndAfterItStarts() {
        // when
        DecodeResult<GetRouteStats> read = new JsonToAvro().read(json("2026-11-30T12:00:00Z", "2026-11-30T11:00:00Z"), GetRouteStats.class);

        // then
        assertThat(violations(read)).containsExactly(new Violation("to", Violation.TOO_SMALL, "must be after from"));
    }

    @Test
    void shouldRefuseARangeLongerThanItsMaximum() {
        // when
        DecodeResult<GetRouteStats> read = new JsonToAvro().read(json("2026-11-30T12:00:00Z", "2026-12-01T12:00:01Z"), GetRouteStats.class);

        // then
        assertThat(violations(read)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("to");
            assertThat(violation.code()).isEqualTo(Violation.TOO_LARGE);
            assertThat(violation.message()).contains("PT24H");
        });
    }

    @Test
    void shouldTakeARangeOfExactlyTheMaximum() {
        // when
        DecodeResult<GetRouteStats> read = new JsonToAvro().read(json("2026-11-30T12:00:00Z", "2026-12-01T12:00:00Z"), GetRouteStats.class);

        // then
        assertThat(read).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void shouldHoldTheSameRuleOnADecodedRecord() {
        // when
        var violations = RecordValidator.validate(new GetRouteStats("*", NOON, NOON));

        // then
        assertThat(violations).singleElement().satisfies(violation -> assertThat(violation.field()).isEqualTo("to"));
    }

    private static List<Violation> violations(DecodeResult<GetRouteStats> read) {
        assertThat(read).isInstanceOf(DecodeResult.Undecodable.class);
        return ((DecodeResult.Undecodable<GetRouteStats>) read).violations();
    }

    private static byte[] json(String from, String to) {
        return ("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
