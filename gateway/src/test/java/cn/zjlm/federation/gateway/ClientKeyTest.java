package cn.zjlm.federation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyTest {
    @Test
    void anIpv6ClientCountsByItsSlash64AndAnIpv4ClientByItsAddress() {
        // one subscriber's /64, however its hosts write or rotate their addresses
        assertThat(RateLimiter.clientKey("2001:db8:1:2::1")).isEqualTo(RateLimiter.clientKey("2001:db8:1:2:ffff:0:0:9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(RateLimiter.clientKey("2001:db8:1:3::1")).isNotEqualTo(RateLimiter.clientKey("2001:db8:1:2::1"));
        assertThat(RateLimiter.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(RateLimiter.clientKey(null)).isEqualTo("unknown");
    }
}
