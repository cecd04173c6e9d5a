package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidCreditCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the activity endpoints. */
public final class ActivityRequests {
    private ActivityRequests() {
    }

    public record Beneficiary(@NotBlank @Pattern(regexp = "ENTERPRISE|SCHOOL|COMMUNITY") String kind,
            @NotBlank @Size(max = 200) String name, @ValidCreditCode String creditCode) {
    }

    /** Times with an offset, e.g. 2026-05-01T09:00:00+08:00. */
    public record ActivityRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Size(max = 40) String kind, @NotBlank @Size(max = 200) String title,
            @Size(max = 5000) String description, @NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
            @NotBlank @Size(max = 300) String place, @NotNull @Min(1) @Max(100000) Integer capacity,
            @Size(max = 20) List<@NotNull UUID> teamIds, @Size(max = 200) List<@NotNull @Valid Beneficiary> beneficiaries) {
    }

    /** Economic benefit in 万元 (10,000 CNY). */
    public record Outcomes(@Min(0) @Max(1_000_000) Integer enterprisesServed, @Min(0) @Max(1_000_000) Integer problemsSolved,
            @Min(0) @Max(1_000_000) Integer suggestionsMade, @Min(0) @Max(1_000_000) Integer suggestionsAdopted,
            @Min(0) @Max(100_000_000) Integer peopleReached,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal economicBenefit) {
    }

    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    public record SignupRequest(@NotNull UUID memberId) {
    }

    /** Staff record or correct a member's attendance; without checkedOutAt only the arrival is recorded. */
    public record AttendanceRequest(@NotNull OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt) {
    }

    public record CodeRequest(@NotBlank @Pattern(regexp = "CHECK_IN|CHECK_OUT") String purpose,
            @Min(5) @Max(480) Integer validMinutes) {
    }
}
