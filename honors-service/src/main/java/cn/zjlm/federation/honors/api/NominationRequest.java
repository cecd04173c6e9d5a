package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.identity.PersonName;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidCreditCode;
import cn.zjlm.federation.commons.identity.ValidNationalId;
import cn.zjlm.federation.commons.identity.ValidPhone;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A nomination (推荐表): either {@code memberId} of a registered member or {@code nominee} for a new
 * person (validated as in the registry), with employer, sector and deeds (事迹材料).
 */
@Schema(name = "NominationRequest")
public record NominationRequest(
        @NotNull UUID campaignId,
        @Schema(description = "Nominating association; defaults to the caller's", examples = "330109")
        @ValidAssociationCode String associationCode,
        @Schema(description = "A registered member (from the registry)") UUID memberId,
        @Schema(description = "A person not yet in the registry") @Valid NewNominee nominee,
        @Schema(description = "For a collective honour (五一劳动奖状, 工人先锋号): the unit or team") @Valid Collective collective,
        @Schema(description = "The nominee's unit; for a collective, the unit itself or the team's unit",
                examples = "杭州汽轮动力集团") @NotBlank @Size(max = 200) String employer,
        @Schema(description = "GB 32100 code of the employer; required for a collective") @ValidCreditCode
        String employerCreditCode,
        @Schema(description = "FRONTLINE_WORKER, FARMER, PROFESSIONAL, ENTERPRISE_HEAD, PUBLIC_SERVICE or OTHER; "
                + "defaults to the registry's for a registered member, required for a new person")
        @Pattern(regexp = NominationRequest.SECTORS,
                message = "{nomination.sector-unknown}") String sector,
        @Size(max = 100) String occupation,
        @Schema(description = "事迹材料") @NotBlank @Size(max = 20000) String deeds) {

    /** The sectors (人员类别) of the member registry. */
    public static final String SECTORS = "FRONTLINE_WORKER|FARMER|PROFESSIONAL|ENTERPRISE_HEAD|PUBLIC_SERVICE|OTHER";

    /** A nominee who is not registered yet; registered by member-service on conferral. */
    public record NewNominee(
            @NotBlank @Size(max = 64) @Pattern(regexp = PersonName.PATTERN, message = "{person-name.invalid}")
            String name,
            @Schema(examples = "33010919800101001X") @NotBlank @ValidNationalId String nationalId,
            @ValidPhone String phone) {
    }

    /** A unit, or a team (班组, 车间 …) of the unit named as employer. */
    public record Collective(@NotBlank @Pattern(regexp = "UNIT|TEAM") String kind,
            @Schema(examples = "杭州汽轮动力集团数控车间") @NotBlank @Size(max = 200) String name) {
    }

    /** Changes to a draft or returned nomination. */
    @Schema(name = "NominationEdit")
    public record Edit(
            @NotBlank @Size(max = 200) String employer,
            @ValidCreditCode String employerCreditCode,
            @Schema(description = "Required for a person, absent for a collective")
            @Pattern(regexp = NominationRequest.SECTORS, message = "{nomination.sector-unknown}") String sector,
            @Size(max = 100) String occupation,
            @NotBlank @Size(max = 20000) String deeds) {
    }
}
