package org.siamesekit.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.aether.resolution.DependencyResolutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against a file repository written by the test: no network needed. */
class MavenResolverTest {
    @Test
    void coordinatesFollowMavensForms() {
        assertEquals(new MavenResolver.Coordinate("g", "a", "jar", null, "1.0"), MavenResolver.Coordinate.parse("g:a:1.0"));
        assertEquals(new MavenResolver.Coordinate("g", "a", "pom", null, "2"), MavenResolver.Coordinate.parse(" g:a:pom:2 "));
        assertEquals(new MavenResolver.Coordinate("org.nd4j", "nd4j-native", "jar", "linux-x86_64", "1.0.0-M2.1"),
                MavenResolver.Coordinate.parse("org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1"));
        for (String bad : List.of("g:a", "g::1", "a:b:c:d:e:f", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenResolver.Coordinate.parse(bad));
            assertTrue(e.getMessage().contains("groupId:artifactId:version"), e.getMessage());
        }
    }

    @Test
    void resolvesTransitiveRuntimeDependenciesFromAnAddedRepository(@TempDir Path tmp) throws Exception {
        Path repo = TestRepository.create(tmp.resolve("repo"));
        MavenResolver resolver = new MavenResolver(tmp.resolve("local"));
        resolver.addRepository("test", repo.toString());
        List<Path> jars = resolver.resolve(List.of("kit.test:app:1.0"));
        assertEquals(List.of("app-1.0.jar", "util-2.0.jar"), jars.stream().map(p -> p.getFileName().toString()).sorted().toList());
        assertTrue(jars.stream().allMatch(p -> p.startsWith(tmp.resolve("local"))), jars.toString());
    }

    @Test
    void missingArtifactsAreNamedInTheError(@TempDir Path tmp) throws Exception {
        Path repo = TestRepository.create(tmp.resolve("repo"));
        MavenResolver resolver = new MavenResolver(tmp.resolve("local"));
        resolver.addRepository("test", repo.toUri().toString());
        DependencyResolutionException e = assertThrows(DependencyResolutionException.class,
                () -> resolver.resolve(List.of("kit.test:absent-for-this-test:9.9")));
        assertTrue(e.getMessage().contains("kit.test:absent-for-this-test"), e.getMessage());
    }

    @Test
    void pomFragmentsGiveDependenciesFilteredByScopeAndRepositories(@TempDir Path tmp) throws Exception {
        Path repo = TestRepository.create(tmp.resolve("repo"));
        String fragments = """
                <repository><id>test</id><url>%s</url></repository>
                <properties><app.version>1.0</app.version></properties>
                <dependencies>
                  <dependency><groupId>kit.test</groupId><artifactId>app</artifactId><version>${app.version}</version></dependency>
                  <dependency><groupId>kit.test</groupId><artifactId>util</artifactId><version>2.0</version>
                    <scope>test</scope></dependency>
                </dependencies>
                """.formatted(repo.toUri());
        PomDependencies pom = PomDependencies.parse(fragments, PomDependencies.DEFAULT_SCOPES, "the cell");
        assertEquals(1, pom.dependencies().size());
        assertEquals("kit.test:app:jar:1.0", pom.dependencies().get(0).getArtifact().toString());
        assertEquals("test", pom.repositories().get(0).getId());
        List<Path> jars = new MavenResolver(tmp.resolve("local")).resolve(pom.dependencies(), pom.repositories());
        assertEquals(2, jars.size(), jars.toString());

        PomDependencies testScope = PomDependencies.parse(fragments, Set.of("test"), "the cell");
        assertEquals("kit.test:util:jar:2.0", testScope.dependencies().get(0).getArtifact().toString());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PomDependencies.parse(
                "<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>",
                PomDependencies.DEFAULT_SCOPES, "the cell"));
        assertTrue(bad.getMessage().contains("g:a has no <version>"), bad.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> PomDependencies.parse(
                "<dependency><groupId>g</groupId>", PomDependencies.DEFAULT_SCOPES, "the cell"));
        assertTrue(broken.getMessage().startsWith("the cell is not well-formed XML"), broken.getMessage());
    }
}
