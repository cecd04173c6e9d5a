package cn.zjlm.federation.member.api;

import cn.zjlm.federation.member.domain.HonourCategory;
import cn.zjlm.federation.member.domain.HonourLevel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An honour as written on the certificate (荣誉证书). */
public record HonourRequest(
        @Schema(description = "Catalogue code in honors-service, if any", examples = "CN-MODEL-WORKER")
        @Size(max = 64) String honourType,
        @NotNull HonourCategory category,
        @NotNull HonourLevel level,
        @Schema(examples = "全国劳动模范") @NotBlank @Size(max = 100) String title,
        @Schema(examples = "中共中央、国务院") @Size(max = 200) String conferringBody,
        @Min(1950) @Max(2100) int year,
        @Size(max = 64) String certificateNumber,
        @Schema(description = "享受全国劳模待遇") Boolean nationalTreatment) {
}
