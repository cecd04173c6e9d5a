package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.honors.domain.EligibilityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A selection campaign (评选) as the organising association sets it up. */
@Schema(name = "CampaignRequest")
public record CampaignRequest(
        @Schema(examples = "ZJ-MODEL-WORKER") @NotBlank @Size(max = 40) String honourType,
        @Schema(description = "Organising association; defaults to the caller's", examples = "330000")
        @ValidAssociationCode String associationCode,
        @NotNull @Min(1950) @Max(2200) Integer year,
        @Schema(examples = "2027年浙江省劳动模范评选") @NotBlank @Size(max = 200) String title,
        @NotNull @Min(1) @Max(100000) Integer totalPlaces,
        @NotNull LocalDate nominationOpens,
        @NotNull LocalDate nominationCloses,
        LocalDate countyReviewBy,
        LocalDate cityReviewBy,
        LocalDate provinceReviewBy,
        @Schema(description = "Public-notice length in working days (default 5)") @Min(1) @Max(30)
        Integer noticeWorkingDays,
        @Schema(description = "One-time award per conferral in CNY, e.g. 10000.00 for 绍兴工匠")
        @DecimalMin(value = "0.01") @DecimalMax("10000000") @Digits(integer = 8, fraction = 2) BigDecimal awardAmount,
        @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid Quota> quotas,
        @Size(max = 10) List<@NotNull @Valid Rule> rules) {

    /** Places for an association and everything under it. */
    public record Quota(@NotBlank @ValidAssociationCode String associationCode,
            @NotNull @Min(0) @Max(100000) Integer places) {
    }

    /** An eligibility rule; share rules take a percentage threshold. */
    public record Rule(@NotNull EligibilityRule rule,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal threshold) {
    }
}
