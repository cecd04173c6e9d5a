package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One selection (评选) of an honour type in a year, with places, window and public-notice length. */
@Entity
public class Campaign extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "honour_type")
    public String honourType;

    /** The organising association (330000 for national and provincial titles, the city for its own). */
    @Column(name = "association_code")
    public String associationCode;

    public int year;

    public String title;

    @Column(name = "total_places")
    public int totalPlaces;

    @Column(name = "nomination_opens")
    public LocalDate nominationOpens;

    @Column(name = "nomination_closes")
    public LocalDate nominationCloses;

    @Column(name = "county_review_by")
    public LocalDate countyReviewBy;

    @Column(name = "city_review_by")
    public LocalDate cityReviewBy;

    @Column(name = "province_review_by")
    public LocalDate provinceReviewBy;

    @Column(name = "notice_working_days")
    public int noticeWorkingDays;

    /** One-time award paid on conferral (e.g. 绍兴工匠 10,000 CNY), if any. */
    @Column(name = "award_amount")
    public BigDecimal awardAmount;

    /** Certificates numbered so far; the next conferral takes the following number. */
    @Column(name = "certificates_issued")
    public int certificatesIssued;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    /** The review deadline of a level, or null when that level has none. */
    public LocalDate reviewDeadline(ReviewLevel level) {
        return switch (level) {
            case COUNTY -> countyReviewBy;
            case CITY -> cityReviewBy;
            case PROVINCE -> provinceReviewBy;
        };
    }
}
