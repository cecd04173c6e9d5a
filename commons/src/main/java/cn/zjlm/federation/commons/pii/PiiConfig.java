package cn.zjlm.federation.commons.pii;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Keys for sensitive personal information; base64 of 32 random bytes each, from a Secret in production. */
@ConfigMapping(prefix = "federation.pii")
public interface PiiConfig {
    /** AES-256-GCM key for values at rest. */
    String encryptionKey();

    /** Identifier stored with each ciphertext so keys can be rotated. */
    String keyId();

    /** HMAC-SHA256 key for blind indexes (exact lookup and de-duplication without decrypting). */
    String indexKey();

    /**
     * Keys that still decrypt but no longer encrypt, as "keyId:base64" (a rotation in progress, or the
     * next key announced to every service before it becomes current).
     */
    Optional<List<String>> decryptOnlyKeys();

    /** This service's encrypted columns as "table.column", resealed with the current key after a rotation. */
    Optional<List<String>> sealedColumns();

    /** Read by PiiResealing's @Scheduled; mapped so it is documented and checked. */
    @WithDefault("10m")
    Duration resealInterval();
}
