package cn.zjlm.federation.member.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** federation.attachments.*: the largest file a member's record may hold. */
@ConfigMapping(prefix = "federation.attachments")
public interface AttachmentsConfig {
    MemorySize maxSize();
}
