package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Bodies of the registry's actions. */
public final class ActionRequests {
    private ActionRequests() {
    }

    public record Revocation(@NotNull LocalDate revokedOn, @NotBlank @Size(max = 500) String reason) {
    }

    public record Death(@NotNull LocalDate deceasedOn) {
    }

    public record TransferRequest(@NotBlank @ValidAssociationCode String toAssociation,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record Decision(@Size(max = 500) String note) {
    }
}
