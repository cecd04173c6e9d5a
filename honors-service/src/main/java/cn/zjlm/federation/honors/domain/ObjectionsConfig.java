package cn.zjlm.federation.honors.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** federation.objections.*: how many objections one source may file per hour (public endpoint). */
@ConfigMapping(prefix = "federation.objections")
public interface ObjectionsConfig {
    @WithDefault("5")
    int perSourcePerHour();
}
