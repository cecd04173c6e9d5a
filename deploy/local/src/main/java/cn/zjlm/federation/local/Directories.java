package cn.zjlm.federation.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File-tree chores of the local platform's scripts. */
public final class Directories {
    private Directories() {
    }

    /** Deletes a directory and everything under it (nothing to do if it does not exist). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
