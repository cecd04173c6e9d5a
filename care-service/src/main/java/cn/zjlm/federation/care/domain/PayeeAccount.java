package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The bank account a person is paid to, keyed by the person's blind index; the number is encrypted. */
@Entity
@Table(name = "payee_account")
public class PayeeAccount extends PanacheEntityBase {
    @Id
    @Column(name = "beneficiary_index")
    public String beneficiaryIndex;

    @Column(name = "account_holder")
    public String accountHolder;

    @Column(name = "bank_name")
    public String bankName;

    @Column(name = "account_cipher")
    public String accountCipher;

    @Column(name = "account_masked")
    public String accountMasked;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Everyone who set or changed the account since it was last verified: none of them may verify it. */
    @Column(name = "changed_by")
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    public String[] changedBy = new String[0];

    /** The second person who checked the account; null until then, and again after each change. */
    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Version
    public long version;

    public boolean isVerified() {
        return verifiedBy != null;
    }

    /**
     * Sets the account a person (by blind index) is paid to; the number is stored encrypted, shown masked. A new or
     * changed account awaits a second person's verification before a payment file carries it.
     */
    public static PayeeAccount set(String beneficiaryIndex, String holder, String bank, String number,
            cn.zjlm.federation.commons.pii.PiiCipher cipher, String actor) {
        PayeeAccount a = findById(beneficiaryIndex);
        if (a == null) {
            a = new PayeeAccount();
            a.beneficiaryIndex = beneficiaryIndex;
        }
        boolean same = a.accountCipher != null && number.equals(cipher.decrypt(a.accountCipher))
                && holder.strip().equals(a.accountHolder) && bank.strip().equals(a.bankName);
        if (same) {
            return a; // nothing changed: a verification already made still holds
        }
        a.accountHolder = holder.strip();
        a.bankName = bank.strip();
        a.accountCipher = cipher.encrypt(number);
        a.accountMasked = cn.zjlm.federation.commons.pii.Masking.bankAccount(number);
        a.updatedBy = actor;
        a.updatedAt = Instant.now();
        if (!java.util.List.of(a.changedBy).contains(actor)) {
            String[] changed = java.util.Arrays.copyOf(a.changedBy, a.changedBy.length + 1);
            changed[a.changedBy.length] = actor;
            a.changedBy = changed;
        }
        a.verifiedBy = null;
        a.verifiedAt = null;
        a.persist();
        return a;
    }

    /** A second person confirms the account as it stands (four eyes: no one who set or changed it since last verified). */
    public void verify(long expectedVersion, String actor) {
        cn.zjlm.federation.commons.error.Preconditions.requireVersion(version, expectedVersion);
        if (actor.equals(updatedBy) || java.util.List.of(changedBy).contains(actor)) {
            throw new cn.zjlm.federation.commons.error.ProblemException(403, "payee-four-eyes");
        }
        if (isVerified()) {
            throw cn.zjlm.federation.commons.error.ProblemException.conflict("payee-account-verified", verifiedBy);
        }
        verifiedBy = actor;
        verifiedAt = Instant.now();
        changedBy = new String[0];
    }
}
