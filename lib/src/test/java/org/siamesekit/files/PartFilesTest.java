package org.siamesekit.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFilesTest {
    @TempDir Path dir;

    @Test
    void aNewFileFollowsTheUmaskAndAReplacedFileKeepsItsMode() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference")); // what the umask gives a new file
        Path f = SafeFiles.writeText(dir.resolve("new.csv"), false, "CSV", "say so", w -> w.write("a\n"));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(f));

        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw-------"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            SafeFiles.writeText(f, true, "CSV", "say so", w -> w.write(mode));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals(mode, Files.readString(f));
        }
    }

    @Test
    void aSweepRemovesLeftoversOfEndedProcessesOnlyAndReportsOthers() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path leftover = Files.writeString(dir.resolve(".m.model." + dead + "-0123abcd.part"), "half");
        Path live = Files.writeString(dir.resolve(".m.model." + ProcessHandle.current().pid() + "-0123abcd.part"), "writing");
        Path old = Files.writeString(dir.resolve(".m.model12345.part"), "old style");
        PartFiles.Sweep s = PartFiles.sweep(dir);
        assertEquals(List.of(leftover), s.removed());
        assertEquals(List.of(old), s.unknown());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(live) && Files.exists(old));
        assertTrue(s.describe(dir).startsWith("Removed 1 leftover(s) of interrupted writes in " + dir), s.describe(dir));
    }
}
