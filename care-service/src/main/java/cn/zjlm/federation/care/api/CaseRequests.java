package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.Assessor;
import cn.zjlm.federation.commons.identity.ValidNationalId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the case endpoints. Money is a JSON number with at most two decimals (fen). */
public final class CaseRequests {
    private CaseRequests() {
    }

    public static final String PERIOD = "\\d{4}(-[0-9A-Z]{1,20})?";

    public record Document(
            @NotBlank @Pattern(regexp = "INCOME_PROOF|MEDICAL_BILL|HARDSHIP_CERTIFICATE|ID_COPY|OTHER") String kind,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 500) @Schema(description = "archive number or document-store reference") String reference) {
    }

    public record Inputs(
            @DecimalMin("0") @Digits(integer = 10, fraction = 2)
            @Schema(description = "household income of the year (sensitive)") BigDecimal householdIncome,
            @Pattern(regexp = "URBAN_RESIDENT|RURAL_RESIDENT|EMPLOYEE") String socialCategory,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2)
            @Schema(description = "the year's living and medical cost gap (sensitive)") BigDecimal costGap,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal requestedAmount,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2)
            @Schema(description = "medical cost left after insurance (sensitive)") BigDecimal outOfPocketCost) {
        Assessor.Inputs toDomain() {
            return new Assessor.Inputs(householdIncome, socialCategory, costGap, requestedAmount, outOfPocketCost);
        }
    }

    public record Spouse(
            @NotBlank @Size(max = 50) String name,
            @NotBlank @ValidNationalId String nationalId,
            @NotNull @Schema(description = "the deceased national model worker") UUID deceasedMemberId,
            @NotNull @Schema(description = "the spouse has no fixed income (无固定收入)") Boolean noFixedIncome) {
    }

    public record Application(
            @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String programme,
            @Schema(description = "the member (staff applications); a member applying for themself leaves it out")
            UUID memberId,
            @Valid @Schema(description = "instead of memberId: the spouse of a deceased national model worker")
            Spouse spouse,
            @NotBlank @Pattern(regexp = PERIOD) @Schema(example = "2027") String period,
            @Size(max = 2000) String note,
            @Size(max = 20) List<@Valid @NotNull Document> documents,
            @Valid @Schema(description = "staff may give the assessment inputs at once") Inputs inputs) {
    }

    public record Discretion(@NotBlank @Size(min = 4, max = 1000) String reason) {
    }

    public record Rejection(@NotBlank @Size(min = 2, max = 1000) String reason) {
    }

    public record PaymentOutcome(
            @NotBlank @Pattern(regexp = "PAID|FAILED") String outcome,
            @Size(max = 100) String bankReference,
            LocalDate paidOn,
            @Size(max = 500) String failureReason) {
    }

    public record Disclosure(@NotBlank @Size(min = 4, max = 500) String reason) {
    }
}
