package cn.zjlm.federation.k8s;

import cn.zjlm.federation.local.Commands;
import cn.zjlm.federation.local.DebianTool;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders an overlay with the real kustomize inside kubectl. kubectl comes from Debian's
 * kubernetes-client package (kustomize 2, the oldest the manifests keep to), fetched into target/
 * without installing anything; where apt is missing, the kubectl on the PATH is used.
 */
final class Kustomize {
    private Kustomize() {
    }

    static String build(Path overlay) {
        String kubectl = DebianTool.fetch("kubernetes-client", "usr/bin/kubectl", Path.of("target/tools"));
        return Commands.run(List.of(kubectl, "kustomize", overlay.toString()), null);
    }
}
