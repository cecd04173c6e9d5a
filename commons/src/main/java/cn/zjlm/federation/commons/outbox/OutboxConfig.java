package cn.zjlm.federation.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** federation.outbox.*: how often the relay looks for unsent events, and its longest wait after failures. */
@ConfigMapping(prefix = "federation.outbox")
public interface OutboxConfig {
    /** Read by the relay's @Scheduled(every = "${federation.outbox.poll-interval:1s}"); mapped so it is documented and checked. */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("PT30S")
    Duration maxBackoff();
}
