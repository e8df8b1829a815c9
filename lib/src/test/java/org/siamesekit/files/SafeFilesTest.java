package org.siamesekit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeFilesTest {
    @TempDir Path dir;

    @Test
    void writesIntoNewFoldersAndReturnsTheAbsolutePath() throws IOException {
        Path f = dir.resolve("a/b/out.txt");
        Path written = SafeFiles.writeText(f, false, "a test file", "say so", w -> w.write("héllo\n"));
        assertEquals(f.toAbsolutePath(), written);
        assertEquals("héllo\n", Files.readString(f));
    }

    @Test
    void refusesToReplaceUnlessAskedAndKeepsTheOldContent() throws IOException {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "mine");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SafeFiles.writeText(f, false, "a test file", "pass replace=true", w -> w.write("new")));
        assertInstanceOf(FileAlreadyExistsException.class, e.getCause());
        assertTrue(e.getMessage().contains("pass replace=true"), e.getMessage());
        assertEquals("mine", Files.readString(f));
        SafeFiles.writeText(f, true, "a test file", "", w -> w.write("new"));
        assertEquals("new", Files.readString(f));
    }

    @Test
    void aFailedWriteLeavesNeitherHalfAFileNorATemporaryOne() throws IOException {
        Path f = dir.resolve("model.zip");
        Files.writeString(f, "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SafeFiles.write(f, true, "the model", "", out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("could not write the model to " + f.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the original file is left");
        }
    }
}
