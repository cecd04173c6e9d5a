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
}
