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

    @Version
    public long version;

    /** Sets the account a person (by blind index) is paid to; the number is stored encrypted, shown masked. */
    public static PayeeAccount set(String beneficiaryIndex, String holder, String bank, String number,
            cn.zjlm.federation.commons.pii.PiiCipher cipher, String actor) {
        PayeeAccount a = findById(beneficiaryIndex);
        if (a == null) {
            a = new PayeeAccount();
            a.beneficiaryIndex = beneficiaryIndex;
        }
        a.accountHolder = holder.strip();
        a.bankName = bank.strip();
        a.accountCipher = cipher.encrypt(number);
        a.accountMasked = cn.zjlm.federation.commons.pii.Masking.bankAccount(number);
        a.updatedBy = actor;
        a.updatedAt = Instant.now();
        a.persist();
        return a;
    }
}
