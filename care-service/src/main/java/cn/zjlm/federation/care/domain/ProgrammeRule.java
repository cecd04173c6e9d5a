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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The rule in force for a case of {@code associationCode} on {@code date}: that of the nearest
     * association above it (itself, its city, the province) with a version valid then, newest version.
     */
    public static java.util.Optional<ProgrammeRule> applicable(String programmeCode, String associationCode,
            LocalDate date) {
        List<String> chain = cn.zjlm.federation.commons.identity.AssociationCode.lineage(associationCode);
        return ProgrammeRule.<ProgrammeRule>list("programmeCode = ?1 and associationCode in ?2 and validFrom <= ?3 "
                + "and (validTo is null or validTo >= ?3)", programmeCode, chain, date).stream()
                .min(java.util.Comparator.<ProgrammeRule>comparingInt(r -> chain.indexOf(r.associationCode))
                        .thenComparing(r -> -r.version));
    }

    /** Rules of the programme whose association covers {@code prefix}-scoped callers, newest first. */
    public static List<ProgrammeRule> inScope(String programmeCode, String likePattern) {
        return list("programmeCode = ?1 and associationCode like ?2 order by associationCode, version desc",
                programmeCode, likePattern);
    }
}
