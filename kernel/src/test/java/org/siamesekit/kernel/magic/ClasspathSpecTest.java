package org.siamesekit.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathSpecTest {
    @TempDir
    Path dir;
    Path libs;

    @BeforeEach
    void files() throws IOException {
        libs = Files.createDirectories(dir.resolve("libs"));
        for (String n : List.of("b.jar", "a.jar", "xchart-3.8.8.jar", "notes.txt", "UPPER.JAR")) Files.createFile(libs.resolve(n));
        Files.createDirectories(libs.resolve("classes"));
    }

    @Test
    void starMeansTheJarsInAFolderLikeJavaCp() throws IOException {
        assertEquals(List.of(libs.resolve("UPPER.JAR"), libs.resolve("a.jar"), libs.resolve("b.jar"), libs.resolve("xchart-3.8.8.jar")),
                ClasspathSpec.expand(libs + "/*", dir));
    }

    @Test
    void globsInTheLastSegmentMatchNames() throws IOException {
        assertEquals(List.of(libs.resolve("xchart-3.8.8.jar")), ClasspathSpec.expand("libs/xchart-*.jar", dir));
        assertEquals(List.of(libs.resolve("a.jar"), libs.resolve("b.jar")), ClasspathSpec.expand("libs/?.jar", dir));
    }

    @Test
    void plainEntriesAreResolvedAgainstTheBase() throws IOException {
        assertEquals(List.of(libs.resolve("classes")), ClasspathSpec.expand("libs/classes", dir));
        assertEquals(List.of(libs.resolve("a.jar")), ClasspathSpec.expand(libs.resolve("a.jar").toString(), Path.of("/")));
    }

    @Test
    void aListIsSplitOnThePathSeparatorWithoutDuplicates() throws IOException {
        String list = "libs/a.jar" + File.pathSeparator + " " + File.pathSeparator + "libs/*.jar" + File.pathSeparator + "libs/classes";
        assertEquals(List.of(libs.resolve("a.jar"), libs.resolve("b.jar"), libs.resolve("xchart-3.8.8.jar"), libs.resolve("classes")),
                ClasspathSpec.expandList(list, dir));
    }

    @Test
    void entriesThatMatchNothingAreErrorsNamingTheEntry() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ClasspathSpec.expand("libs/nope.jar", dir));
        assertTrue(missing.getMessage().contains("'libs/nope.jar'") && missing.getMessage().contains("no such file"));
        IllegalArgumentException noMatch = assertThrows(IllegalArgumentException.class,
                () -> ClasspathSpec.expand("libs/*.zip", dir));
        assertTrue(noMatch.getMessage().contains("matches no file"), noMatch.getMessage());
        IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class,
                () -> ClasspathSpec.expand("nowhere/*", dir));
        assertTrue(noFolder.getMessage().contains("does not exist"), noFolder.getMessage());
        IllegalArgumentException midGlob = assertThrows(IllegalArgumentException.class,
                () -> ClasspathSpec.expand("li*/a.jar", dir));
        assertTrue(midGlob.getMessage().contains("last path segment"), midGlob.getMessage());
    }
}
