package cn.zjlm.federation.commons.pii;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of sensitive values at rest ("keyId:base64(iv|ciphertext|tag)") and an
 * HMAC-SHA256 blind index for exact matching. Values are sealed with the current key and opened with
 * whichever key their id names, so a key can be rotated while the platform runs (docs/runbooks.md).
 */
@ApplicationScoped
public class PiiCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final String keyId;
    /** Every key that can open a value, current one included, by key id. */
    private final Map<String, SecretKeySpec> openingKeys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /**
     * A cipher and a MAC per thread, made once: looking them up for every value was a measurable share of a bulk
     * import (and of every read that opens two values). A GCM cipher is initialised again with a fresh IV each time.
     */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance(
            "AES/GCM/NoPadding")));
    private final ThreadLocal<Mac> hmac;

    @jakarta.inject.Inject
    public PiiCipher(PiiConfig config) {
        this(config.keyId(), config.encryptionKey(), config.indexKey(), config.decryptOnlyKeys().orElse(List.of()));
    }

    public PiiCipher(String keyId, String encryptionKeyBase64, String indexKeyBase64) {
        this(keyId, encryptionKeyBase64, indexKeyBase64, List.of());
    }

    /** @param decryptOnlyKeys "keyId:base64" entries */
    public PiiCipher(String keyId, String encryptionKeyBase64, String indexKeyBase64, List<String> decryptOnlyKeys) {
        this.keyId = keyId;
        this.encryptionKey = key(encryptionKeyBase64, "AES", "federation.pii.encryption-key");
        this.indexKey = key(indexKeyBase64, "HmacSHA256", "federation.pii.index-key");
        SecretKeySpec macKey = indexKey;
        this.hmac = ThreadLocal.withInitial(() -> instance(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac;
        }));
        for (String entry : decryptOnlyKeys) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("federation.pii.decrypt-only-keys entries are keyId:base64");
            }
            openingKeys.put(entry.substring(0, colon).strip(),
                    key(entry.substring(colon + 1).strip(), "AES", "federation.pii.decrypt-only-keys"));
        }
        openingKeys.put(keyId, encryptionKey);
    }

    public String keyId() {
        return keyId;
    }

    /** How every value sealed with the current key begins: its key id and a colon. */
    public String currentPrefix() {
        return keyId + ":";
    }

    /** Whether a stored value was sealed with the current key. */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(currentPrefix());
    }

    /** The same clear value sealed with the current key. */
    public String reseal(String stored) {
        return isCurrent(stored) ? stored : encrypt(decrypt(stored));
    }

    public String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return currentPrefix() + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        SecretKeySpec key = colon < 0 ? null : openingKeys.get(stored.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("PII value was sealed with an unknown key id");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(stored.substring(0, colon).getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("PII value cannot be decrypted", e);
        }
    }

    /** Deterministic keyed hash for lookups; the same clear value always gives the same index. */
    public String blindIndex(String clear) {
        // doFinal leaves the MAC ready for the next value with the same key
        return HexFormat.of().formatHex(hmac.get().doFinal(clear.getBytes(StandardCharsets.UTF_8)));
    }

    private interface Made<T> {
        T make() throws GeneralSecurityException;
    }

    private static <T> T instance(Made<T> made) {
        try {
            return made.make();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES-GCM or HMAC-SHA256 in this JDK", e);
        }
    }

    private static SecretKeySpec key(String base64, String algorithm, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return new SecretKeySpec(bytes, algorithm);
    }
}
