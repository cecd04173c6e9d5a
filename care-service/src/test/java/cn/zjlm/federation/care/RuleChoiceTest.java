package cn.zjlm.federation.care;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.care.domain.ProgrammeRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule in force for an association among those valid on a day: nearest association above, newest version. */
class RuleChoiceTest {
    private static ProgrammeRule rule(String association, int version) {
        ProgrammeRule r = new ProgrammeRule();
        r.associationCode = association;
        r.version = version;
        return r;
    }

    @Test
    void theNearestAssociationsNewestVersionIsInForce() {
        ProgrammeRule province = rule("330000", 3);
        ProgrammeRule hangzhou1 = rule("330100", 1);
        ProgrammeRule hangzhou2 = rule("330100", 2);
        ProgrammeRule xiaoshan = rule("330109", 1);
        ProgrammeRule shaoxing = rule("330600", 5);
        List<ProgrammeRule> valid = List.of(province, hangzhou1, xiaoshan, hangzhou2, shaoxing);

        assertThat(ProgrammeRule.nearest(valid, "330109")).containsSame(xiaoshan); // its own
        assertThat(ProgrammeRule.nearest(valid, "330110")).containsSame(hangzhou2); // its city's, newest
        assertThat(ProgrammeRule.nearest(valid, "330100")).containsSame(hangzhou2);
        assertThat(ProgrammeRule.nearest(valid, "330681")).containsSame(shaoxing);
        assertThat(ProgrammeRule.nearest(valid, "330400")).containsSame(province); // no city rule: the province's
        assertThat(ProgrammeRule.nearest(List.of(hangzhou1, shaoxing), "330400")).isEmpty();
    }
}
