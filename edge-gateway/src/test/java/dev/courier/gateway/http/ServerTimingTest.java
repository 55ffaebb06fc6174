package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void shouldSplitServerTimingIntoGatewayAndReplyWaitInMilliseconds() {
        assertThat(ServerTiming.format(12_345_678, -1)).isEqualTo("gateway;dur=12.346");
        assertThat(ServerTiming.format(12_000_000, 10_000_000)).isEqualTo("gateway;dur=2.000, reply;dur=10.000");
    }
}
