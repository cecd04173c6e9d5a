package cn.zjlm.federation.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.identity.NationalIdNumber.Defect;
import cn.zjlm.federation.commons.security.AssociationScope;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    @Test
    void nationalIdCheckDigitFollowsGb11643() {
        // The example in GB 11643-1999 itself.
        assertThat(NationalIdNumber.defect("11010519491231002X")).isEmpty();
        assertThat(NationalIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(NationalIdNumber.defect("110105194912310021")).contains(Defect.CHECK_DIGIT);
    }

    @Test
    void lowercaseXIsAcceptedAndNormalized() {
        assertThat(NationalIdNumber.defect("11010519491231002x")).isEmpty();
        assertThat(NationalIdNumber.normalize(" 11010519491231002x ")).isEqualTo("11010519491231002X");
    }

    @Test
    void wrongLengthCharactersAndImpossibleDatesAreNamed() {
        assertThat(NationalIdNumber.defect("1101051949123100")).contains(Defect.LENGTH);
        assertThat(NationalIdNumber.defect(null)).contains(Defect.LENGTH);
        assertThat(NationalIdNumber.defect("11010519491231002Y")).contains(Defect.CHARACTERS);
        assertThat(NationalIdNumber.defect("1101051949123100２X")).contains(Defect.CHARACTERS);
        String feb30 = "33010219900230123";
        assertThat(NationalIdNumber.defect(feb30 + NationalIdNumber.checkCharacter(feb30))).contains(Defect.BIRTH_DATE);
        String future = "33010221000101123";
        assertThat(NationalIdNumber.defect(future + NationalIdNumber.checkCharacter(future))).contains(Defect.BIRTH_DATE);
    }

    @Test
    void composedNumbersAreValidAndCarryTheirBirthDateAndSex() {
        String id = NationalIdNumber.compose("330109", LocalDate.of(1962, 3, 8), 457);
        assertThat(NationalIdNumber.isValid(id)).isTrue();
        assertThat(NationalIdNumber.birthDateOf(id)).contains(LocalDate.of(1962, 3, 8));
        assertThat(NationalIdNumber.isMale(id)).isTrue();
    }

    @Test
    void creditCodeCheckCharacterFollowsGb32100() {
        String code = CreditCode.compose("91330100MA2CFWQK0");
        assertThat(CreditCode.isValid(code)).isTrue();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        assertThat(CreditCode.defect(code.substring(0, 17) + wrong)).contains(CreditCode.Defect.CHECK_DIGIT);
        assertThat(CreditCode.defect("91330100MA2CFWQK0I")).contains(CreditCode.Defect.CHARACTERS);
        assertThat(CreditCode.defect("9133")).contains(CreditCode.Defect.LENGTH);
    }

    @Test
    void creditCodeMatchesAPublishedCode() {
        // 91110000600037341L: a published code (check character L = value 20).
        assertThat(CreditCode.checkCharacter("91110000600037341")).isEqualTo('L');
    }

    @Test
    void associationScopeFollowsTheDivisionTree() {
        assertThat(AssociationCode.level("330000")).isEqualTo(AssociationCode.Level.PROVINCE);
        assertThat(AssociationCode.level("330100")).isEqualTo(AssociationCode.Level.CITY);
        assertThat(AssociationCode.level("330109")).isEqualTo(AssociationCode.Level.COUNTY);
        assertThat(AssociationCode.level("330100-WJ01")).isEqualTo(AssociationCode.Level.BRANCH);
        assertThat(AssociationCode.covers("330100", "330109")).isTrue();
        assertThat(AssociationCode.covers("330100", "330100-WJ01")).isTrue();
        assertThat(AssociationCode.covers("330100", "330500")).isFalse();
        assertThat(AssociationCode.covers("330109", "330122")).isFalse();
        assertThat(AssociationCode.covers("330000", "331127")).isTrue();
        assertThat(AssociationCode.covers("330000", "320100")).isFalse();
        assertThat(AssociationCode.covers("330109", "330109-JD")).isTrue();
        // A branch sees only itself, not a branch whose suffix starts with its own.
        assertThat(AssociationCode.covers("330100-WJ", "330100-WJ")).isTrue();
        assertThat(AssociationCode.covers("330100-WJ", "330100-WJ01")).isFalse();
        assertThat(AssociationCode.scopePattern("330100-WJ")).isEqualTo("330100-WJ");
        assertThat(AssociationCode.scopePattern("330109")).isEqualTo("330109%");
        assertThat(AssociationCode.scopePattern("330100")).isEqualTo("3301%");
        assertThat(AssociationScope.of("330100-WJ").covers("330100-WJ01")).isFalse();
        assertThat(AssociationScope.of("330100").covers("330100-WJ01")).isTrue();
        assertThat(AssociationCode.parent("330109")).isEqualTo("330100");
        assertThat(AssociationCode.parent("330100")).isEqualTo("330000");
        assertThat(AssociationCode.isWellFormed("33010")).isFalse();
        assertThat(AssociationCode.isWellFormed("330100'--")).isFalse();
        assertThatThrownBy(() -> AssociationCode.scopePattern("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
