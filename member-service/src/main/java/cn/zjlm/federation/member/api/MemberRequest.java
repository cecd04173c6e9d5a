package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidCreditCode;
import cn.zjlm.federation.commons.identity.ValidNationalId;
import cn.zjlm.federation.commons.identity.ValidPhone;
import cn.zjlm.federation.member.domain.Gender;
import cn.zjlm.federation.member.domain.MemberStatus;
import cn.zjlm.federation.member.domain.Sector;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member record as staff enter it (登记表). The birth date, if given, must agree with the ID number. */
@Schema(name = "MemberRequest")
public record MemberRequest(
        @Schema(examples = "陈建国") @NotBlank @Size(max = 64) @Pattern(regexp = MemberRequest.PERSON_NAME,
                message = "{person-name.invalid}") String name,
        @NotNull Gender gender,
        @Size(max = 32) String ethnicity,
        LocalDate birthDate,
        @Schema(description = "GB 11643 citizen ID number; stored encrypted, returned masked",
                examples = "11010519491231002X") @NotBlank @ValidNationalId String nationalId,
        @Schema(description = "Stored encrypted, returned masked. In a correction, left out keeps the number and an "
                + "empty string removes it", examples = "13812345678") @ValidPhone(allowBlank = true) String phone,
        @Size(max = 200) String employer,
        @Schema(description = "GB 32100 unified social credit code of the employer") @ValidCreditCode
        String employerCreditCode,
        Sector sector,
        @Size(max = 100) String occupation,
        @Schema(examples = "大专") @Size(max = 32) String education,
        @Schema(examples = "中共党员") @Size(max = 32) String politicalStatus,
        @Size(max = 300) String address,
        @Schema(examples = "330109") @NotBlank @ValidAssociationCode String associationCode,
        @Schema(description = "In a correction, left out keeps the status (and date of death)") MemberStatus status,
        LocalDate deceasedOn,
        @Schema(description = "Keycloak subject of the member's own login; in a correction, left out keeps it")
        UUID accountSubject,
        @Size(max = 2000) String notes) {

    static final String PERSON_NAME = cn.zjlm.federation.commons.identity.PersonName.PATTERN;
}
