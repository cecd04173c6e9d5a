package cn.zjlm.federation.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import org.junit.jupiter.api.Test;

class PiiTest {
    private static final String KEY = "+wxuwbDJq4l2qNnUvr5f4iCtjs0GEZLYbTJ30wxQGeI=";
    private static final String INDEX = "tleBESwCqLZolEg0+xYnBSMz9Ibj6o/W4DlhVBBgojU=";

    @Test
    void masksIdPhoneAndName() {
        assertThat(Masking.nationalId("11010519491231002X")).isEqualTo("1****************X");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("阿依古丽·买买提")).isEqualTo("阿*******");
        assertThat(Masking.name("𠀋一")).isEqualTo("𠀋*");
    }

    @Test
    void encryptionRoundTripsAndHidesTheClearValue() {
        PiiCipher cipher = new PiiCipher("k1", KEY, INDEX);
        String sealed = cipher.encrypt("11010519491231002X");
        assertThat(sealed).startsWith("k1:").doesNotContain("11010519491231002X");
        assertThat(cipher.encrypt("11010519491231002X")).isNotEqualTo(sealed); // fresh IV each time
        assertThat(cipher.decrypt(sealed)).isEqualTo("11010519491231002X");
    }

    @Test
    void tamperingAndForeignKeysAreDetected() {
        PiiCipher cipher = new PiiCipher("k1", KEY, INDEX);
        String sealed = cipher.encrypt("13812345678");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        PiiCipher other = new PiiCipher("k2", INDEX, KEY);
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRotatedKeyStillOpensOldValuesAndResealsThemWithTheNewKey() {
        PiiCipher before = new PiiCipher("k1", KEY, INDEX);
        String old = before.encrypt("13812345678");
        PiiCipher after = new PiiCipher("k2", INDEX, INDEX, java.util.List.of("k1:" + KEY));

        assertThat(after.isCurrent(old)).isFalse();
        assertThat(after.decrypt(old)).isEqualTo("13812345678");
        String resealed = after.reseal(old);
        assertThat(resealed).startsWith("k2:");
        assertThat(after.isCurrent(resealed)).isTrue();
        assertThat(after.decrypt(resealed)).isEqualTo("13812345678");
        assertThat(after.reseal(resealed)).isSameAs(resealed);
        assertThatThrownBy(() -> before.decrypt(resealed)).hasMessageContaining("unknown key id");
        // The key id is authenticated: a value relabelled with another id of the same key bytes fails.
        PiiCipher twoIds = new PiiCipher("k3", KEY, INDEX, java.util.List.of("k1:" + KEY));
        assertThat(twoIds.decrypt(old)).isEqualTo("13812345678");
        assertThatThrownBy(() -> twoIds.decrypt("k3" + old.substring(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PiiCipher("k2", KEY, INDEX, java.util.List.of("nokeyid")))
                .hasMessageContaining("keyId:base64");
    }

    @Test
    void blindIndexIsDeterministicAndKeyed() {
        PiiCipher cipher = new PiiCipher("k1", KEY, INDEX);
        assertThat(cipher.blindIndex("11010519491231002X")).isEqualTo(cipher.blindIndex("11010519491231002X"))
                .hasSize(64).isNotEqualTo(cipher.blindIndex("110105194912310029"));
        assertThat(new PiiCipher("k1", KEY, KEY).blindIndex("11010519491231002X"))
                .isNotEqualTo(cipher.blindIndex("11010519491231002X"));
    }

    @Test
    void shortOrMalformedKeysAreRefusedAtStart() {
        assertThatThrownBy(() -> new PiiCipher("k1", "c2hvcnQ=", INDEX)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new PiiCipher("k1", "***", INDEX)).hasMessageContaining("base64");
    }
}
