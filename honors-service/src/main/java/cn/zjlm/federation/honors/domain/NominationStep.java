package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a nomination's procedure: who acted, at which level, with what opinion, when. */
@Entity
@Table(name = "nomination_step")
public class NominationStep extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "nomination_id")
    public UUID nominationId;

    public String action;

    public String level;

    public String actor;

    @Column(name = "actor_association")
    public String actorAssociation;

    public String opinion;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    public Instant at;
}
