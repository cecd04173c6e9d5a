package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a programme's rule for one association, valid over a period. */
@Entity
@Table(name = "programme_rule")
public class ProgrammeRule extends PanacheEntityBase {
    @Id
    @jakarta.persistence.GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY)
    public Long id;

    @Column(name = "programme_code")
    public String programmeCode;

    @Column(name = "association_code")
    public String associationCode;

    public int version;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** Amounts as decimal strings (exact to the fen), factors and tiers. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String parameters;

    public String source;

    /** The parameters parsed, kept for the life of the entity instance (cycles reuse one rule for many members). */
    @jakarta.persistence.Transient
    private com.fasterxml.jackson.databind.JsonNode parsed;

    public com.fasterxml.jackson.databind.JsonNode parsedParameters() {
        if (parsed == null) {
            try {
                parsed = JSON.readTree(parameters);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return parsed;
    }

    @jakarta.persistence.Transient
    private java.util.Optional<Eligibility> eligibility;

    @jakarta.persistence.Transient
    private java.util.Map<String, java.math.BigDecimal> amountsByLevel;

    /** Who the rule admits ({@link Eligibility}), parsed once per entity instance like the parameters. */
    public java.util.Optional<Eligibility> eligibility() {
        if (eligibility == null) {
            eligibility = Eligibility.of(parsedParameters());
        }
        return eligibility;
    }

    /** The amount per honour level of a rule paid by level, in the parameters' order. */
    public java.util.Map<String, java.math.BigDecimal> amountsByLevel() {
        if (amountsByLevel == null) {
            java.util.Map<String, java.math.BigDecimal> amounts = new java.util.LinkedHashMap<>();
            parsedParameters().path("amountsByLevel").fields().forEachRemaining(e -> amounts.put(e.getKey(),
                    new java.math.BigDecimal(e.getValue().asText())));
            amountsByLevel = java.util.Collections.unmodifiableMap(amounts);
        }
        return amountsByLevel;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The rule in force for a case of {@code associationCode} on {@code date}: that of the nearest
     * association above it (itself, its city, the province) with a version valid then, newest version.
     */
    public static java.util.Optional<ProgrammeRule> applicable(String programmeCode, String associationCode,
            LocalDate date) {
        List<String> chain = cn.zjlm.federation.commons.identity.AssociationCode.lineage(associationCode);
        return nearest(ProgrammeRule.<ProgrammeRule>list("programmeCode = ?1 and associationCode in ?2 "
                + "and validFrom <= ?3 and (validTo is null or validTo >= ?3)", programmeCode, chain, date), associationCode);
    }

    /** Every version of the programme's rules valid on {@code date}, for choosing among them in memory ({@link #nearest}). */
    public static List<ProgrammeRule> validOn(String programmeCode, LocalDate date) {
        return list("programmeCode = ?1 and validFrom <= ?2 and (validTo is null or validTo >= ?2)", programmeCode, date);
    }

    /** Of rules valid on one day, the one in force for {@code associationCode}, as {@link #applicable} chooses. */
    public static java.util.Optional<ProgrammeRule> nearest(java.util.Collection<ProgrammeRule> valid,
            String associationCode) {
        List<String> chain = cn.zjlm.federation.commons.identity.AssociationCode.lineage(associationCode);
        return valid.stream().filter(r -> chain.contains(r.associationCode))
                .min(java.util.Comparator.<ProgrammeRule>comparingInt(r -> chain.indexOf(r.associationCode))
                        .thenComparing(r -> -r.version));
    }

    /** Rules of the programme whose association covers {@code prefix}-scoped callers, newest first. */
    public static List<ProgrammeRule> inScope(String programmeCode, String likePattern) {
        return list("programmeCode = ?1 and associationCode like ?2 order by associationCode, version desc",
                programmeCode, likePattern);
    }
}
