package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenThrottleTest {

    @Test
    void shouldCountAnIpv4AddressAsItIsAndAnIpv6AddressByItsSlash64() {
        assertThat(TokenThrottle.source("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(TokenThrottle.source("2001:db8:1:2:aaaa::1")).isEqualTo(TokenThrottle.source("2001:db8:1:2:ffff:1:2:3"))
                .isEqualTo("20010db800010002::/64");
        assertThat(TokenThrottle.source("2001:db8:1:3::1")).isNotEqualTo(TokenThrottle.source("2001:db8:1:2::1"));
    }

    @Test
    void shouldCountAnIpv4MappedIpv6AddressAsTheIpv4AddressItMaps() {
        assertThat(TokenThrottle.source("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(TokenThrottle.source("0:0:0:0:0:ffff:cb00:7107")).isEqualTo("203.0.113.7");
    }
}
