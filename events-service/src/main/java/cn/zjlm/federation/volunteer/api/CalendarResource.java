package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.volunteer.domain.Activity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A public iCalendar feed of an association's published activities (and those of the associations
 * below it), for calendar apps that cannot log in. Only what a published notice shows: no names.
 */
@Path("/api/v1/public/events/calendar")
@Tag(name = "Public calendar 公开活动日历")
@PermitAll
public class CalendarResource {
    static final String MEDIA_TYPE = "text/calendar; charset=UTF-8";
    static final int FEED_SIZE = 1000;

    @GET
    @Path("{associationCode}.ics")
    @Produces(MEDIA_TYPE)
    @Operation(summary = "iCalendar (.ics) feed: upcoming activities and those of the last 90 days",
            description = "Cancelled activities stay in the feed as STATUS:CANCELLED, so subscribed calendars drop them.")
    public Response feed(@PathParam("associationCode") @ValidAssociationCode String associationCode) {
        // The next 1,000, then as many of the last 90 days as still fit: the upcoming ones come first however many
        // a large area (the province) held recently.
        Instant now = Instant.now();
        String scope = AssociationScope.of(associationCode).likePattern();
        List<Activity> activities = new java.util.ArrayList<>(Activity.<Activity>find("associationCode like ?1 "
                + "and publishedAt is not null and startsAt >= ?2 order by startsAt, id", scope, now)
                .page(0, FEED_SIZE).list());
        if (activities.size() < FEED_SIZE) {
            List<Activity> recent = Activity.<Activity>find("associationCode like ?1 and publishedAt is not null "
                    + "and startsAt >= ?2 and startsAt < ?3 order by startsAt desc, id", scope,
                    now.minus(Duration.ofDays(90)), now).page(0, FEED_SIZE - activities.size()).list();
            java.util.Collections.reverse(recent);
            activities.addAll(0, recent);
        }
        return Response.ok(ICalendar.of("志愿服务活动 " + associationCode, activities), MEDIA_TYPE)
                .header("Cache-Control", "public, max-age=300").build();
    }
}
