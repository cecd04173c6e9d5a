package cn.zjlm.federation.member.api;

import io.smallrye.config.ConfigMapping;

/** federation.certificates.*: the public address a certificate's QR code points to for verification. */
@ConfigMapping(prefix = "federation.certificates")
public interface CertificatesConfig {
    String verifyBaseUrl();
}
