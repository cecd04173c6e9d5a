package cn.zjlm.federation.volunteer.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Counts a wrong attendance code in its own transaction, so the count survives the refused request. */
@ApplicationScoped
public class CodeAttempts {
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID signupId) {
        Signup.update("failedCodeAttempts = failedCodeAttempts + 1 where id = ?1", signupId);
    }
}
