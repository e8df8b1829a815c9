package org.siamesekit.kernel.magic;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Backs {@code %maven}, {@code %addMavenDependencies}, {@code %mavenRepo} and
 * {@code %loadFromPOM}: resolves artifacts and their runtime dependencies with
 * Maven Resolver (the library inside Maven itself), so scopes, exclusions and
 * version mediation follow Maven's rules. Downloads go to the local repository
 * (~/.m2/repository, or {@value #LOCAL_REPO_ENV}); Maven Central is searched
 * after the repositories a notebook adds, as Maven searches a POM's own
 * repositories before Central.
 */
public final class MavenResolver {
    public static final String LOCAL_REPO_ENV = "SIAMESE_KIT_MAVEN_LOCAL_REPO";
    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

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

        Artifact artifact() {
            return new DefaultArtifact(groupId, artifactId, classifier, type, version);
        }

        private static IllegalArgumentException badCoordinate(String text) {
            return new IllegalArgumentException("'" + text + "' is not a Maven coordinate; expected "
                    + "groupId:artifactId:version (or groupId:artifactId:packaging[:classifier]:version)");
        }
    }

    private final RepositorySystem system;
    private final Path localRepository;
    private final Map<String, RemoteRepository> added = new LinkedHashMap<>();

    public MavenResolver(Path localRepository) {
        this.system = new RepositorySystemSupplier().get();
        this.localRepository = localRepository;
    }

    /** The local repository named by {@value #LOCAL_REPO_ENV}, else ~/.m2/repository. */
    public static MavenResolver fromEnvironment() {
        String local = System.getenv(LOCAL_REPO_ENV);
        Path repo = local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new MavenResolver(repo.toAbsolutePath());
    }

    /** {@code %mavenRepo id url}: one more repository for {@link #resolve}; a known id is replaced. */
    public synchronized void addRepository(String id, String url) {
        if (id.isBlank() || url.isBlank()) throw new IllegalArgumentException("a repository needs an id and a url");
        String u = url.strip();
        // A plain folder is taken as a file repository.
        if (!u.contains("://")) u = Path.of(u).toAbsolutePath().toUri().toString();
        added.put(id.strip(), new RemoteRepository.Builder(id.strip(), "default", u).build());
    }

    /** Resolves artifacts and their runtime dependencies from the added repositories and Central. */
    public List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        if (coordinates.isEmpty()) throw new IllegalArgumentException("needs at least one groupId:artifactId:version");
        List<Dependency> deps = new ArrayList<>();
        for (String c : coordinates) deps.add(new Dependency(Coordinate.parse(c).artifact(), JavaScopes.COMPILE));
        List<RemoteRepository> repos;
        synchronized (this) {
            repos = new ArrayList<>(added.values());
        }
        repos.add(CENTRAL);
        return resolve(deps, repos);
    }

    /** Resolves the given dependencies, transitively (runtime classpath), from repositories then Central. */
    public List<Path> resolve(List<Dependency> dependencies, List<RemoteRepository> repositories)
            throws DependencyResolutionException {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        List<RemoteRepository> repos = new ArrayList<>(repositories);
        if (repos.stream().noneMatch(r -> r.getId().equals(CENTRAL.getId()))) repos.add(CENTRAL);
        CollectRequest collect = new CollectRequest(dependencies, null, repos);
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<Path> jars = new ArrayList<>();
        for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
            File f = r.getArtifact() != null ? r.getArtifact().getFile() : null;
            if (f != null && f.getName().endsWith(".jar")) jars.add(f.toPath().toAbsolutePath());
        }
        return jars;
    }
}
