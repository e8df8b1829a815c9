package org.siamesekit.kernel.magic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Writes a small Maven repository in a folder: kit.test:app:1.0, which depends
 * on kit.test:util:2.0 (compile) and junit-like kit.test:checks:1.0 (test scope,
 * absent: resolution must not ask for it).
 */
final class TestRepository {
    private TestRepository() {}

    static Path create(Path root) throws IOException {
        artifact(root, "util", "2.0", "");
        artifact(root, "app", "1.0", """
                <dependencies>
                  <dependency><groupId>kit.test</groupId><artifactId>util</artifactId><version>2.0</version></dependency>
                  <dependency><groupId>kit.test</groupId><artifactId>checks</artifactId><version>1.0</version>
                    <scope>test</scope></dependency>
                </dependencies>""");
        return root;
    }

    private static void artifact(Path root, String id, String version, String dependencies) throws IOException {
        Path dir = root.resolve("kit/test").resolve(id).resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(id + "-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>kit.test</groupId><artifactId>%s</artifactId><version>%s</version>
                  %s
                </project>
                """.formatted(id, version, dependencies));
        try (OutputStream out = Files.newOutputStream(dir.resolve(id + "-" + version + ".jar"));
             JarOutputStream jar = new JarOutputStream(out, new Manifest())) {
            jar.putNextEntry(new ZipEntry("kit/test/" + id + ".txt"));
            jar.write(id.getBytes());
            jar.closeEntry();
        }
    }
}
