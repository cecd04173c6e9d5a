package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.volunteer.domain.Activity;
import java.math.BigDecimal;
import java.time.Instant;
import cn.zjlm.federation.volunteer.domain.Signup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the activity endpoints. */
public final class ActivityViews {
    private ActivityViews() {
    }

    public record ActivityView(UUID id, String associationCode, String kind, String title, String description,
            Instant startsAt, Instant endsAt, String place, int capacity, String state, String cancelReason,
            List<UUID> teamIds, List<Activity.Beneficiary> beneficiaries, long enrolled, long waiting,
            Activity.Outcomes outcomes, long version) {
        static ActivityView of(Activity a, long enrolled, long waiting) {
            return new ActivityView(a.id, a.associationCode, a.kind, a.title, a.description, a.startsAt, a.endsAt,
                    a.place, a.capacity, a.state.name(), a.cancelReason, List.copyOf(a.teamIds),
                    List.copyOf(a.beneficiaries), enrolled, waiting, a.outcomes, a.version);
        }
    }

    /** One activity as it stands after this request's changes. */
    public static ActivityView view(Activity a) {
        PendingWrites.flush();
        return withCounts(List.of(a)).get(0);
    }

    /** Views with sign-up counts, counted for all the activities in one query. */
    public static List<ActivityView> withCounts(List<Activity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : Signup.getEntityManager().createQuery(
                "select s.activityId, s.status, count(s) from Signup s where s.activityId in ?1 and s.status <> ?2 "
                        + "group by s.activityId, s.status", Object[].class)
                .setParameter(1, activities.stream().map(a -> a.id).toList()).setParameter(2, Signup.CANCELLED)
                .getResultList()) {
            long[] c = counts.computeIfAbsent((UUID) row[0], k -> new long[2]);
            c[Signup.ENROLLED.equals(row[1]) ? 0 : 1] = (Long) row[2];
        }
        return activities.stream().map(a -> {
            long[] c = counts.getOrDefault(a.id, new long[2]);
            return ActivityView.of(a, c[0], c[1]);
        }).toList();
    }


    /** A sign-up; position counts within its list (places, or the waiting list). */
    public record SignupView(UUID activityId, String activityTitle, Instant startsAt, Instant endsAt, UUID memberId,
            String name, String status, int position, Instant signedUpAt, String cancelReason, Instant checkedInAt,
            Instant checkedOutAt, BigDecimal hours) {
        SignupView at(int place) {
            return new SignupView(activityId, activityTitle, startsAt, endsAt, memberId, name, status, place,
                    signedUpAt, cancelReason, checkedInAt, checkedOutAt, hours);
        }
    }

    public record CodeView(String code, String purpose, Instant expiresAt) {
    }
}
