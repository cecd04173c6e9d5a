package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.member.domain.HonourCategory;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.MemberRegistry.MemberSearch;
import cn.zjlm.federation.member.domain.MemberStatus;
import cn.zjlm.federation.member.domain.Sector;
import io.quarkus.panache.common.Sort;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;

/** The member search filters, shared by search and export so both accept exactly the same query. */
public class MemberFilters {
    @QueryParam("association")
    @ValidAssociationCode
    public String association;

    @QueryParam("status")
    public MemberStatus status;

    @QueryParam("sector")
    public Sector sector;

    @QueryParam("namePrefix")
    public String namePrefix;

    @QueryParam("minAge")
    @Min(0)
    @Max(130)
    public Integer minAge;

    @QueryParam("honourLevel")
    public HonourLevel honourLevel;

    @QueryParam("honourCategory")
    public HonourCategory honourCategory;

    @QueryParam("honourYear")
    @Min(1950)
    @Max(2100)
    public Integer honourYear;

    MemberSearch search(int page, int size, Sort sort) {
        return new MemberSearch(association, status, sector, namePrefix, minAge, honourLevel, honourCategory,
                honourYear, page, size, sort);
    }
}
