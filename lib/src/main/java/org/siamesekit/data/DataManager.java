package org.siamesekit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.siamesekit.files.KitPaths;
import org.siamesekit.files.PartFiles;
import org.siamesekit.readers.MalformedFileException;

/**
 * Makes the kit's datasets available in its data folder, checked.
 *
 * <p>For each file of a dataset, {@link #ensure(Dataset)} takes the first of:
 * <ol>
 *   <li>the file already in the data folder, when its checksum is right (it is
 *       then used as is, nothing is copied);</li>
 *   <li>a copy from the mirror folder (env {@value #MIRROR_ENV}, laid out like
 *       the data folder; CI and tests point it at the project's verified copies);</li>
 *   <li>a copy from a Debian package's files (Fashion-MNIST: package
 *       {@code dataset-fashion-mnist}, /usr/share/datasets/fashion-mnist/);</li>
 *   <li>a download from the dataset's canonical public address.</li>
 * </ol>
 *
 * <p>What counts as a good copy: the SHA-256 of the project's verified copy;
 * or the MD5 that upstream publishes (the files a download from upstream
 * gives); or, for files whose container was re-made (the repacked ORL and
 * Omniglot zips, Debian's re-compressed Fashion-MNIST), the digest of the
 * contents (see {@link DataFile.Content}). A file accepted by anything other
 * than the exact SHA-256 is also opened and its structure checked.
 *
 * <p>Safety: new files are written to a temporary file in the destination
 * folder and only then put in place, with a hard link (which fails rather than
 * replace a file that appeared meanwhile) or an atomic rename. A file the kit
 * did not make is never overwritten or deleted: if one is in the way with the
 * wrong checksum, {@link #ensure} fails and says what to do. Zips are read in
 * place, never extracted.
 *
 * <p>The data folder is {@value #DATA_ENV} when set, else {@code data/} in the
 * repository root: the nearest of the working folder and its parents that has
 * {@code data/}{@value #MARKER} (so notebooks running in notebooks/ find it).
 */
public final class DataManager {
    /** Env var naming the data folder (overrides the repository's data/). */
    public static final String DATA_ENV = "SIAMESE_KIT_DATA";
    /** Env var naming a folder laid out like the data folder to copy from. */
    public static final String MIRROR_ENV = "SIAMESE_KIT_DATA_MIRROR";
    /** The file in the repository's data/ folder that marks the repository root. */
    public static final String MARKER = "SHA256SUMS";

    /**
     * Files already checked in this JVM, so that a notebook calling load() again does not
     * hash them again: path -> the (size, mtime, expected SHA-256) stamp when checked, and how.
     */
    private static final Map<Path, Checked> CHECKED = new ConcurrentHashMap<>();

    private record Checked(String stamp, String how) {}

    private final Path dataDir;
    private final Path mirror;
    private final String mirrorOrigin;
    private final Path debianRoot;
    private final boolean downloads;
    private final URI downloadBase;
    private final PrintStream out;
    private final boolean verbose;
    private HttpClient http;

    private DataManager(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.mirror = b.mirror == null ? null : b.mirror.toAbsolutePath().normalize();
        this.mirrorOrigin = b.mirrorOrigin;
        this.debianRoot = b.debianRoot;
        this.downloads = b.downloads;
        this.downloadBase = b.downloadBase;
        this.out = b.out;
        this.verbose = b.verbose;
    }

    /** The manager configured from the environment and the working folder (see the class comment). */
    public static DataManager standard() {
        return fromEnvironment(System.getenv(), Path.of("").toAbsolutePath()).build();
    }

    /**
     * A builder configured from environment variables {@value #DATA_ENV} and
     * {@value #MIRROR_ENV} and a working folder. A relative mirror path is taken
     * from the repository root when there is one (so "../shared/datasets" means
     * the same from notebooks/ as from the root), else from the working folder.
     */
    public static Builder fromEnvironment(Map<String, String> env, Path workingDir) {
        Path root = findRepoRoot(workingDir);
        Path data;
        String dataVar = env.get(DATA_ENV);
        if (dataVar != null && !dataVar.isBlank()) {
            data = workingDir.resolve(dataVar);
        } else if (root != null) {
            data = root.resolve("data");
        } else {
            throw new DataException("Cannot find the kit's data folder: neither " + workingDir
                    + " nor any folder above it has data/" + MARKER + ". Run from inside the kit's repository, or set "
                    + DATA_ENV + " to the folder that should hold the datasets.");
        }
        Builder b = builder(data);
        String mirrorVar = env.get(MIRROR_ENV);
        if (mirrorVar != null && !mirrorVar.isBlank()) {
            Path m = Path.of(mirrorVar);
            if (!m.isAbsolute()) m = (root != null ? root : workingDir).resolve(m);
            b.mirror(m);
            b.mirrorOrigin = MIRROR_ENV + "=" + mirrorVar;
        }
        return b;
    }

    /** The nearest of {@code from} and its parents holding data/{@value #MARKER}, or null. */
    public static Path findRepoRoot(Path from) {
        return KitPaths.findRoot(from);
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Settings of a {@link DataManager}; defaults: no mirror, Debian files used, downloads allowed, output to System.out. */
    public static final class Builder {
        private final Path dataDir;
        private Path mirror;
        private String mirrorOrigin = "the configured mirror";
        private Path debianRoot = Path.of("/");
        private boolean downloads = true;
        private URI downloadBase;
        private PrintStream out = System.out;
        private boolean verbose;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** A folder laid out like the data folder to copy from, or null for none. */
        public Builder mirror(Path mirror) {
            this.mirror = mirror;
            this.mirrorOrigin = "mirror " + mirror;
            return this;
        }

        /** Where Debian's files are looked for ("/" normally; a test folder in tests); null to not use them. */
        public Builder debianRoot(Path root) {
            this.debianRoot = root;
            return this;
        }

        /** Whether to download from the canonical addresses when no other source has a file. */
        public Builder downloads(boolean allowed) {
            this.downloads = allowed;
            return this;
        }

        /**
         * Download every file from {@code base} + its path in the data folder instead of
         * from its canonical addresses (a local server in tests, an institutional mirror).
         */
        public Builder downloadBase(URI base) {
            this.downloadBase = base;
            return this;
        }

        /** Where to print what is done (copies, downloads, their progress). */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out);
            return this;
        }

        /** Also print a line for every file found already in place. */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        public DataManager build() {
            return new DataManager(this);
        }
    }

    public Path dataDir() { return dataDir; }

    /** The mirror folder, or null when none is configured. */
    public Path mirror() { return mirror; }

    /** Where a file lives in the data folder (whether or not it is there yet). */
    public Path path(DataFile file) {
        return dataDir.resolve(file.path());
    }

    /** Where a dataset's file lives, by file name; the dataset is ensured first. */
    public Path path(Dataset dataset, String fileName) {
        ensure(dataset);
        return path(dataset.file(fileName));
    }

    /** Ensures several datasets. */
    public void ensure(Collection<Dataset> datasets) {
        for (Dataset d : datasets) ensure(d);
    }

    /**
     * Makes every file of a dataset present and checked in the data folder.
     *
     * @return the folder holding the dataset's files
     * @throws DataException when a file cannot be made available, saying why and what to do
     */
    public synchronized Path ensure(Dataset dataset) {
        // copies and downloads killed earlier leave .part files; remove them (or say so) first
        dataset.files().stream().map(f -> path(f).getParent()).distinct()
                .forEach(dir -> PartFiles.sweepAndReport(dir, out));
        for (DataFile f : dataset.files()) ensureFile(dataset, f);
        return path(dataset.files().get(0)).getParent();
    }

    /** What {@link #status} found for one file. */
    public record FileStatus(DataFile file, Path path, boolean present, boolean good, String detail) {}

    /** Checks a dataset's files in the data folder without changing anything. */
    public List<FileStatus> status(Dataset dataset) {
        List<FileStatus> out = new ArrayList<>();
        for (DataFile f : dataset.files()) {
            Path p = path(f);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new FileStatus(f, p, false, false, "missing"));
            } else {
                Check c = check(dataset, f, p);
                out.add(new FileStatus(f, p, true, c.ok, c.ok ? c.how : c.problem));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- one file

    private Path ensureFile(Dataset d, DataFile f) {
        Path target = path(f);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            requireGoodUserFile(d, f, target);
            return target;
        }
        List<String> tried = new ArrayList<>();
        tried.add("no file at " + target);

        // 1. the mirror: configured on purpose, so a bad copy there is an error, not a reason to download
        if (mirror == null) {
            tried.add("no mirror (" + MIRROR_ENV + " is not set)");
        } else if (!Files.isDirectory(mirror)) {
            throw new DataException(mirrorOrigin + " is not a folder (" + mirror + "). Fix or unset " + MIRROR_ENV + ".");
        } else {
            Path src = mirror.resolve(f.path());
            if (Files.isRegularFile(src)) {
                Check c = check(d, f, src);
                if (!c.ok) {
                    throw new DataException("The mirror's copy " + src + " is not a good copy of " + d.title() + " file "
                            + f.fileName() + ".\n" + c.problem + "\nRepair the mirror (" + mirrorOrigin
                            + "), or unset " + MIRROR_ENV + " to use another source.");
                }
                return install(d, f, src, "mirror", c.how, target);
            }
            tried.add("mirror has no " + src);
        }

        // 2. a Debian package's copy: opportunistic, so a mismatch only means "not this one"
        if (f.debianPath() != null && debianRoot != null) {
            Path src = debianRoot.resolve(f.debianPath().substring(1));
            if (Files.isRegularFile(src)) {
                Check c = check(d, f, src);
                if (c.ok) return install(d, f, src, "Debian package", c.how, target);
                out.println("Not using " + src + ": " + c.problem.replace('\n', ' '));
                tried.add("Debian's " + src + " does not match: " + c.problem.replace('\n', ' '));
            } else {
                tried.add("no Debian package file " + src + " (package dataset-fashion-mnist not installed)");
            }
        }

        // 3. download
        if (!downloads) {
            tried.add("downloads are switched off");
        } else {
            List<URI> urls = downloadBase != null ? List.of(downloadBase.resolve(f.path())) : f.urls();
            for (URI url : urls) {
                try {
                    Path got = download(d, f, url, target);
                    if (got != null) return got;
                } catch (DownloadFailed e) {
                    out.println("Download of " + url + " failed: " + e.getMessage());
                    tried.add("download " + url + ": " + e.getMessage());
                }
            }
        }
        throw new DataException("Cannot get " + d.title() + " file " + f.path() + ":\n  - " + String.join("\n  - ", tried)
                + "\nWhat to do: put a good copy at " + target + " (SHA-256 " + f.sha256() + "), or set " + MIRROR_ENV
                + " to a folder that holds " + f.path() + ". See data/README.md.");
    }

    private void requireGoodUserFile(Dataset d, DataFile f, Path target) {
        if (!Files.isRegularFile(target)) {
            throw new DataException(target + " is in the way of " + d.title() + " file " + f.fileName()
                    + " but is not a regular file. Move it away and run again.");
        }
        String stamp = stamp(target, f);
        Checked known = CHECKED.get(target);
        if (known != null && known.stamp.equals(stamp)) {
            if (verbose) out.println(f.path() + ": present, " + known.how);
            return;
        }
        Check c = check(d, f, target);
        if (!c.ok) {
            throw new DataException(target + " is not a good copy of " + d.title() + " file " + f.fileName() + ".\n"
                    + c.problem + "\nThe kit never overwrites or deletes files it did not make. Move this file away (for example: mv '"
                    + target + "' '" + target + ".bad'), then run again (DataCli ensure " + d.id()
                    + ", or DataManager.ensure) to fetch a good copy.");
        }
        if (verbose) out.println(f.path() + ": present, " + c.how);
        CHECKED.put(target, new Checked(stamp, c.how));
    }

    private static String stamp(Path p, DataFile f) {
        try {
            return Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis() + "/" + f.sha256();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- checks

    private record Check(boolean ok, String how, String problem) {}

    /** Whether a file is a good copy of {@code f}, and how we know. */
    private Check check(Dataset d, DataFile f, Path p) {
        Checksums.FileDigests digests = Checksums.of(p);
        if (digests.sha256().equals(f.sha256())) {
            return new Check(true, "SHA-256 matches the verified copy", null);
        }
        String how = null;
        if (f.upstreamMd5() != null && digests.md5().equals(f.upstreamMd5())) {
            how = "MD5 matches the file published upstream";
        } else if (f.content() != null) {
            String content = contentDigest(f.content(), p);
            if (f.content().sha256().equals(content)) {
                how = "contents match the verified copy (" + f.content().describe() + ")";
            }
        }
        if (how != null) {
            try {
                DatasetStructure.check(d, f, p);
                return new Check(true, how, null);
            } catch (MalformedFileException | DataException e) {
                return new Check(false, null, "Its checksum is known, but its structure is wrong: " + e.getMessage());
            }
        }
        StringBuilder exp = new StringBuilder("  expected: SHA-256 " + f.sha256() + " (the verified copy)");
        if (f.upstreamMd5() != null) exp.append("\n        or: MD5 ").append(f.upstreamMd5()).append(" (as published upstream)");
        if (f.content() != null) exp.append("\n        or: contents with ").append(f.content().describe());
        return new Check(false, null, exp + "\n  actual:   SHA-256 " + digests.sha256() + ", MD5 " + digests.md5()
                + ", " + sizeOf(p) + " bytes (the verified copy has " + f.size() + ")");
    }

    private static String contentDigest(DataFile.Content c, Path p) {
        try {
            return c.kind() == DataFile.Kind.GZIP_PAYLOAD
                    ? Checksums.gzipPayloadSha256(p)
                    : Checksums.zipEntriesSha256(p, c.entryPattern());
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")"; // not a digest: it will not match
        }
    }

    // ---------------------------------------------------------------- installing

    /** Copies a checked source file into place through a temporary file. */
    private Path install(Dataset d, DataFile f, Path src, String what, String how, Path target) {
        out.println("Copying " + f.path() + " from " + what + " " + src);
        Path tmp = tempFor(target);
        try {
            MessageDigest sha = DigestUtils.getSha256Digest();
            try (InputStream in = Files.newInputStream(src); OutputStream os = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    os.write(buf, 0, n);
                }
            }
            // the source was checked; make sure the copy is the same bytes
            String copied = Hex.encodeHexString(sha.digest());
            String source = Checksums.of(src).sha256();
            if (!copied.equals(source)) {
                throw new DataException("Copying " + src + " to " + tmp + " gave SHA-256 " + copied + " instead of " + source
                        + " (disk or file system trouble?). Nothing was put in place.");
            }
            return publish(d, f, tmp, target, how);
        } catch (IOException e) {
            throw new DataException("Cannot copy " + src + " to " + target + ": " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static final class DownloadFailed extends Exception {
        DownloadFailed(String message) { super(message); }
    }

    /** Downloads into a temporary file, checks it, and puts it in place; DownloadFailed when this address did not work. */
    private Path download(Dataset d, DataFile f, URI url, Path target) throws DownloadFailed {
        out.println("Downloading " + url);
        Path tmp = tempFor(target);
        try {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "siamese-kit-data/1").GET().build();
            HttpResponse<InputStream> resp;
            try {
                resp = http().send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new DownloadFailed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + " (is the network reachable? does the address still answer?)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadFailed("interrupted");
            }
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw new DownloadFailed("HTTP status " + resp.statusCode());
                }
                long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                TransferProgress progress = new TransferProgress(out, f.path(), total > 0 ? total : f.size());
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        os.write(buf, 0, n);
                        progress.add(n);
                    }
                } finally {
                    progress.finish();
                }
            } catch (IOException e) {
                throw new DownloadFailed("transfer broke off: " + e);
            }
            Check c = check(d, f, tmp);
            if (!c.ok) throw new DownloadFailed("the downloaded file is not a good copy:\n" + c.problem);
            out.println(f.path() + ": " + c.how);
            try {
                return publish(d, f, tmp, target, c.how);
            } catch (IOException e) {
                throw new DataException("Cannot put " + target + " in place: " + e, e);
            }
        } finally {
            deleteQuietly(tmp);
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
        }
        return http;
    }

    /** A new empty temporary file beside the target (same file system, so the final step is a link or rename). */
    private static Path tempFor(Path target) {
        try {
            return PartFiles.create(target);
        } catch (IOException e) {
            throw new DataException("Cannot write in " + target.getParent() + ": " + e + "\nWhat to do: set " + DATA_ENV
                    + " to a folder you can write in (the datasets are put there), or make this one writable.", e);
        }
    }

    /**
     * Puts a finished temporary file at {@code target} without ever replacing a file
     * there: a hard link fails if the target exists; where the file system has no hard
     * links, an atomic rename after a last check.
     */
    private Path publish(Dataset d, DataFile f, Path tmp, Path target, String how) throws IOException {
        try {
            tmp.toFile().setReadable(true, false); // temp files start owner-only; data files are ordinary files
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            // someone (another notebook?) put a file there meanwhile: judge that file instead
            requireGoodUserFile(d, f, target);
            return target;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                requireGoodUserFile(d, f, target);
                return target;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e2) {
                Files.move(tmp, target);
            }
        }
        CHECKED.put(target, new Checked(stamp(target, f), how));
        out.println(f.path() + ": in place at " + target);
        return target;
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a leftover .part file is harmless: it never has a dataset file's name
        }
    }

    @Override
    public String toString() {
        return "DataManager[data=" + dataDir + (mirror != null ? ", mirror=" + mirror : "") + "]";
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
