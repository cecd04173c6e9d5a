package cn.zjlm.federation.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.local.TokenChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** This service checks every token itself (zero trust behind the gateway). */
@QuarkusTest
class TokenTest {
    @Test
    void forgedMisaddressedExpiredAndEarlyTokensAre401AndAMissingRoleIs403() {
        assertThat(TokenChecks.failures("/api/v1/events/activities", "ops")).isEmpty();
    }
}
