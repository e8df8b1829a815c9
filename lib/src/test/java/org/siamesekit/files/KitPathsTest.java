package org.siamesekit.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitPathsTest {
    @Test
    void theRootIsTheNearestFolderWithTheMarker(@TempDir Path dir) throws Exception {
        Path notebooks = Files.createDirectories(dir.resolve("notebooks/deeper"));
        assertNull(KitPaths.findRoot(notebooks));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve(KitPaths.MARKER), "");
        assertEquals(dir.toRealPath(), KitPaths.findRoot(notebooks).toRealPath());
    }

    @Test
    void outputFilesGoUnderBuildAndTheirFolderIsCreated(@TempDir Path root) {
        Path f = KitPaths.outputFile(root, "models", "a.model");
        assertEquals(root.resolve("build/models/a.model"), f);
        assertTrue(Files.isDirectory(f.getParent()));
        assertFalse(Files.exists(f));
        assertThrows(IllegalArgumentException.class, () -> KitPaths.outputFile(root, "models", "../x"));
        assertThrows(IllegalArgumentException.class, () -> KitPaths.outputFile(root, "..", "x"));
    }

    @Test
    void theCheckoutIsFoundFromTheTestsWorkingFolder() {
        // surefire runs in lib/, one folder below the checkout's root
        assertTrue(Files.isRegularFile(KitPaths.root().resolve(KitPaths.MARKER)));
    }
}
