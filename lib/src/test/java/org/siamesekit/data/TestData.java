package org.siamesekit.data;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where tests find the project's verified dataset copies (the mirror). */
final class TestData {
    private TestData() {}

    /** The repository root (has data/SHA256SUMS), found from the working folder. */
    static Path repoRoot() {
        Path root = DataManager.findRepoRoot(Path.of("").toAbsolutePath());
        if (root == null) throw new IllegalStateException("tests must run inside the repository");
        return root;
    }

    /**
     * The mirror: {@value DataManager#MIRROR_ENV} if set (relative to the repository
     * root), else ../shared/datasets beside the repository. Tests that need it are
     * skipped when neither exists (a checkout without the datasets).
     */
    static Path mirror() {
        String env = System.getenv(DataManager.MIRROR_ENV);
        Path m = env != null && !env.isBlank() ? repoRoot().resolve(env) : repoRoot().resolve("../shared/datasets");
        m = m.normalize();
        assumeTrue(Files.isDirectory(m), "no dataset mirror at " + m + " (set " + DataManager.MIRROR_ENV + ")");
        return m;
    }

    static Path mirrored(Dataset d, int file) {
        return mirror().resolve(d.files().get(file).path());
    }
}
