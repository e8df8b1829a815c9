package org.siamesekit.kernel.magic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Backs {@code %maven group:artifact:version}: resolves artifacts and their
 * runtime dependencies with the Maven installed on the machine (through the
 * local repository, ~/.m2, and Maven Central), by running
 * {@code dependency:copy-dependencies} on a throw-away POM. Reusing Maven keeps
 * resolution rules (scopes, exclusions, version mediation) exactly Maven's.
 */
public final class MavenResolver {
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1";
    private static final long TIMEOUT_MINUTES = 10;

    /** groupId:artifactId[:packaging[:classifier]]:version, as Maven writes coordinates. */
    public record Coordinate(String groupId, String artifactId, String type, String classifier, String version) {
        public static Coordinate parse(String text) {
            String[] p = text.strip().split(":", -1);
            for (String part : p) {
                if (part.isBlank()) throw badCoordinate(text);
            }
            return switch (p.length) {
                case 3 -> new Coordinate(p[0], p[1], "jar", null, p[2]);
                case 4 -> new Coordinate(p[0], p[1], p[2], null, p[3]);
                case 5 -> new Coordinate(p[0], p[1], p[2], p[3], p[4]);
                default -> throw badCoordinate(text);
            };
        }

        private static IllegalArgumentException badCoordinate(String text) {
            return new IllegalArgumentException("'" + text + "' is not a Maven coordinate; expected "
                    + "groupId:artifactId:version (or groupId:artifactId:packaging[:classifier]:version)");
        }
    }

    private final String mvn;
    private final Path workRoot;

    /** mvn: the Maven command; workRoot: where throw-away POMs and copied jars go. */
    public MavenResolver(String mvn, Path workRoot) {
        this.mvn = mvn;
        this.workRoot = workRoot;
    }

    /** The Maven command named by SIAMESE_KIT_MVN, else mvn on the PATH. */
    public static MavenResolver fromEnvironment() {
        String mvn = System.getenv().getOrDefault("SIAMESE_KIT_MVN", "mvn");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "siamese-kit-maven-" + ProcessHandle.current().pid());
        return new MavenResolver(mvn, root);
    }

    /** Resolves the artifacts and their runtime dependencies; returns the jar paths. */
    public List<Path> resolve(List<String> coordinates) throws IOException, InterruptedException {
        if (coordinates.isEmpty()) throw new IllegalArgumentException("%maven needs at least one groupId:artifactId:version");
        List<Coordinate> coords = coordinates.stream().map(Coordinate::parse).toList();
        Files.createDirectories(workRoot);
        Path work = Files.createTempDirectory(workRoot, "resolve-");
        Path pom = work.resolve("pom.xml");
        Path jars = work.resolve("jars");
        Files.writeString(pom, pomFor(coords), StandardCharsets.UTF_8);
        Path log = work.resolve("mvn.log");

        List<String> cmd = List.of(mvn, "-B", "-q", "-f", pom.toString(),
                DEPENDENCY_PLUGIN + ":copy-dependencies",
                "-DoutputDirectory=" + jars, "-DincludeScope=runtime");
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!proc.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            throw new IOException("%maven: Maven did not finish in " + TIMEOUT_MINUTES + " minutes resolving " + coordinates);
        }
        if (proc.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            throw new IOException("%maven: could not resolve " + coordinates + " (mvn exit " + proc.exitValue() + "):\n" + tail);
        }
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(jars)) {
            try (Stream<Path> s = Files.list(jars)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static String pomFor(List<Coordinate> coords) {
        StringBuilder deps = new StringBuilder();
        for (Coordinate c : coords) {
            deps.append("    <dependency>\n")
                .append("      <groupId>").append(xml(c.groupId())).append("</groupId>\n")
                .append("      <artifactId>").append(xml(c.artifactId())).append("</artifactId>\n")
                .append("      <version>").append(xml(c.version())).append("</version>\n");
            if (!"jar".equals(c.type())) deps.append("      <type>").append(xml(c.type())).append("</type>\n");
            if (c.classifier() != null) deps.append("      <classifier>").append(xml(c.classifier())).append("</classifier>\n");
            deps.append("    </dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.siamesekit.notebook</groupId>
                  <artifactId>maven-magic</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(deps);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
