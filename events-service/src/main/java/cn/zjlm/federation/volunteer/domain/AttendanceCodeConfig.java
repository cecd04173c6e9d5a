package cn.zjlm.federation.volunteer.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** federation.attendance-codes.*: how long a venue code lasts unless staff say otherwise, and wrong tries allowed. */
@ConfigMapping(prefix = "federation.attendance-codes")
public interface AttendanceCodeConfig {
    @WithDefault("PT30M")
    Duration defaultValidity();

    @WithDefault("5")
    @jakarta.validation.constraints.Min(1)
    int maxFailedAttempts();
}
