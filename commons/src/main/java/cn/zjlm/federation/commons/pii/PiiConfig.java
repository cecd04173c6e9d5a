package cn.zjlm.federation.commons.pii;

import io.smallrye.config.ConfigMapping;

/** Keys for sensitive personal information; base64 of 32 random bytes each, from a Secret in production. */
@ConfigMapping(prefix = "federation.pii")
public interface PiiConfig {
    /** AES-256-GCM key for values at rest. */
    String encryptionKey();

    /** Identifier stored with each ciphertext so keys can be rotated. */
    String keyId();

    /** HMAC-SHA256 key for blind indexes (exact lookup and de-duplication without decrypting). */
    String indexKey();
}
