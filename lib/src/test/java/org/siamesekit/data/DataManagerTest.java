package org.siamesekit.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataManagerTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    private DataManager.Builder manager(Path data) {
        return DataManager.builder(data).debianRoot(null).downloads(false)
                .out(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return DigestUtils.sha256Hex(in);
        }
    }

    private static final DataFile ORL = Dataset.ORL_FACES.files().get(0);

    @Test
    void registryMatchesChecksumFileAndMirror() throws IOException {
        Map<String, String> sums = new HashMap<>();
        for (String line : Files.readAllLines(TestData.repoRoot().resolve("data/SHA256SUMS"))) {
            String[] parts = line.trim().split("\\s+");
            sums.put(parts[1], parts[0]);
        }
        int files = 0;
        for (Dataset d : Dataset.values()) {
            for (DataFile f : d.files()) {
                assertEquals(sums.get(f.path()), f.sha256(), f.path());
                assertEquals(f.size(), Files.size(TestData.mirror().resolve(f.path())), f.path());
                assertFalse(f.urls().isEmpty());
                files++;
            }
        }
        assertEquals(sums.size(), files);
        assertEquals(List.of(Dataset.OMNIGLOT_BACKGROUND, Dataset.OMNIGLOT_EVALUATION), Dataset.parse("omniglot"));
        assertEquals(List.of(Dataset.values()), Dataset.parse("ALL"));
        assertThrows(IllegalArgumentException.class, () -> Dataset.parse("mnist"));
    }

    @Test
    void copiesFromMirrorThenReusesWithoutCopying() throws IOException {
        Path data = tmp.resolve("data");
        DataManager dm = manager(data).mirror(TestData.mirror()).build();
        Path folder = dm.ensure(Dataset.ORL_FACES);
        Path zip = data.resolve(ORL.path());
        assertEquals(data.resolve("orl_faces"), folder);
        assertEquals(ORL.sha256(), sha256(zip));
        assertTrue(log().contains("Copying orl_faces/orl_faces.zip from mirror"), log());
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(zip), s.toList(), "no temporary file left behind");
        }

        // a second manager, no mirror: the file in place is checked and used as is
        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(zip, before); // a changed stamp forces a fresh checksum, not the cache
        log.reset();
        DataManager again = manager(data).verbose(true).build();
        again.ensure(Dataset.ORL_FACES);
        assertEquals(before, Files.getLastModifiedTime(zip));
        assertFalse(log().contains("Copying"), log());
        assertTrue(log().contains("present, SHA-256 matches the verified copy"), log());
        assertTrue(again.status(Dataset.ORL_FACES).get(0).good());
    }

    @Test
    void corruptMirrorFileIsAnErrorWithBothChecksums() throws IOException {
        Path mirror = tmp.resolve("mirror");
        Path bad = mirror.resolve(ORL.path());
        Files.createDirectories(bad.getParent());
        byte[] bytes = Files.readAllBytes(TestData.mirrored(Dataset.ORL_FACES, 0));
        bytes[bytes.length / 2] ^= 1;
        Files.write(bad, bytes);
        Path data = tmp.resolve("data");

        DataException e = assertThrows(DataException.class,
                () -> manager(data).mirror(mirror).downloads(true).build().ensure(Dataset.ORL_FACES));
        String m = e.getMessage();
        assertTrue(m.contains("The mirror's copy " + bad + " is not a good copy"), m);
        assertTrue(m.contains("expected: SHA-256 " + ORL.sha256()), m);
        assertTrue(m.contains("actual:   SHA-256 " + sha256(bad)), m);
        assertTrue(m.contains("Repair the mirror"), m);
        assertFalse(Files.exists(data.resolve(ORL.path())));
        assertFalse(log().contains("Downloading"), "a bad mirror must not fall through to a download");
    }

    @Test
    void wrongUserFileIsNeverOverwritten() throws IOException {
        Path data = tmp.resolve("data");
        Path mine = data.resolve(ORL.path());
        Files.createDirectories(mine.getParent());
        byte[] content = "my own notes, not a zip".getBytes(StandardCharsets.UTF_8);
        Files.write(mine, content);

        DataException e = assertThrows(DataException.class,
                () -> manager(data).mirror(TestData.mirror()).build().ensure(Dataset.ORL_FACES));
        String m = e.getMessage();
        assertTrue(m.startsWith(mine + " is not a good copy of AT&T (ORL) Database of Faces file orl_faces.zip"), m);
        assertTrue(m.contains("expected: SHA-256 " + ORL.sha256()), m);
        assertTrue(m.contains("actual:   SHA-256 " + DigestUtils.sha256Hex(content)), m);
        assertTrue(m.contains("Move this file away (for example: mv '" + mine + "' '" + mine + ".bad')"), m);
        assertArrayEquals(content, Files.readAllBytes(mine));
        assertFalse(manager(data).build().status(Dataset.ORL_FACES).get(0).good());
    }

    @Test
    void missingEverywhereSaysWhatWasTried() {
        Path data = tmp.resolve("data");
        DataException e = assertThrows(DataException.class, () -> manager(data).build().ensure(Dataset.OMNIGLOT_EVALUATION));
        String m = e.getMessage();
        assertTrue(m.startsWith("Cannot get Omniglot (evaluation set) file omniglot/images_evaluation.zip"), m);
        assertTrue(m.contains("no mirror (SIAMESE_KIT_DATA_MIRROR is not set)"), m);
        assertTrue(m.contains("downloads are switched off"), m);
        assertTrue(m.contains("set SIAMESE_KIT_DATA_MIRROR"), m);

        Path notAFolder = tmp.resolve("file");
        DataException e2 = assertThrows(DataException.class,
                () -> manager(data).mirror(notAFolder).build().ensure(Dataset.ORL_FACES));
        assertTrue(e2.getMessage().contains("is not a folder"), e2.getMessage());
    }

    /** Serves files from {@code root} on the loopback interface; counts requests. */
    private URI serve(Path root, Map<String, Integer> hits) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().substring(1);
            hits.merge(path, 1, Integer::sum);
            Path f = root.resolve(path).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, Files.size(f));
                try (OutputStream o = ex.getResponseBody()) {
                    Files.copy(f, o);
                }
            }
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void downloadsFromHttpServerWithProgress() throws IOException {
        Map<String, Integer> hits = new HashMap<>();
        URI base = serve(TestData.mirror(), hits);
        Path data = tmp.resolve("data");
        manager(data).downloads(true).downloadBase(base).build().ensure(Dataset.FASHION_MNIST);
        for (DataFile f : Dataset.FASHION_MNIST.files()) {
            assertEquals(f.sha256(), sha256(data.resolve(f.path())));
            assertEquals(1, hits.get(f.path()));
        }
        assertTrue(log().contains("Downloading " + base + "fashion-mnist/train-images-idx3-ubyte.gz"), log());
        assertTrue(log().contains("\rfashion-mnist/train-images-idx3-ubyte.gz: 26.4 MB / 26.4 MB (100%)"), log());
        try (Stream<Path> s = Files.list(data.resolve("fashion-mnist"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")));
        }
    }

    @Test
    void badDownloadIsRejectedAndNothingIsLeft() throws IOException {
        Path served = tmp.resolve("served");
        Path f = served.resolve(ORL.path());
        Files.createDirectories(f.getParent());
        Files.write(f, "<html>moved</html>".getBytes(StandardCharsets.UTF_8));
        URI base = serve(served, new HashMap<>());
        Path data = tmp.resolve("data");

        DataException e = assertThrows(DataException.class,
                () -> manager(data).downloads(true).downloadBase(base).build().ensure(Dataset.ORL_FACES));
        assertTrue(e.getMessage().contains("download " + base + "orl_faces/orl_faces.zip: the downloaded file is not a good copy"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected: SHA-256 " + ORL.sha256()), e.getMessage());
        assertFalse(Files.exists(data.resolve(ORL.path())));
        try (Stream<Path> s = Files.list(data.resolve("orl_faces"))) {
            assertEquals(0, s.count(), "the temporary file is removed");
        }

        DataException e404 = assertThrows(DataException.class,
                () -> manager(data).downloads(true).downloadBase(base).build().ensure(Dataset.OMNIGLOT_EVALUATION));
        assertTrue(e404.getMessage().contains("HTTP status 404"), e404.getMessage());
    }

    /** The original att_faces.zip has no top folder; a zip of the same images is accepted by its contents. */
    @Test
    void repackedZipIsAcceptedByContents() throws IOException {
        Path served = tmp.resolve("served");
        Path repacked = served.resolve(ORL.path());
        Files.createDirectories(repacked.getParent());
        try (ZipFile in = new ZipFile(TestData.mirrored(Dataset.ORL_FACES, 0).toFile());
             ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(repacked)))) {
            out.setLevel(Deflater.BEST_SPEED);
            List<? extends ZipEntry> entries = new ArrayList<>(java.util.Collections.list(in.entries()));
            java.util.Collections.reverse(entries);
            for (ZipEntry e : entries) {
                if (e.isDirectory()) continue;
                out.putNextEntry(new ZipEntry(e.getName().substring("orl_faces/".length())));
                try (InputStream s = in.getInputStream(e)) {
                    s.transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertFalse(ORL.sha256().equals(sha256(repacked)));
        URI base = serve(served, new HashMap<>());
        Path data = tmp.resolve("data");
        DataManager dm = manager(data).downloads(true).downloadBase(base).build();
        dm.ensure(Dataset.ORL_FACES);
        assertTrue(log().contains("contents match the verified copy"), log());
        assertEquals(sha256(repacked), sha256(data.resolve(ORL.path())));
        assertEquals(400, OrlFaces.load(dm, 2).size());
    }

    /** Debian's dataset-fashion-mnist re-compresses the files: same data, other gzip bytes. */
    @Test
    void debianPackageFilesAreUsedWhenTheirContentsMatch() throws IOException {
        Path debian = tmp.resolve("debian");
        Path dir = debian.resolve("usr/share/datasets/fashion-mnist");
        Files.createDirectories(dir);
        for (DataFile f : Dataset.FASHION_MNIST.files()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.mirror().resolve(f.path())));
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(f.fileName())), 1 << 16) {
                     { def.setLevel(Deflater.BEST_SPEED); } // quick, and other bytes than the original
                 }) {
                in.transferTo(out);
            }
        }
        // one file damaged: it is skipped (and said so), so that file must come from elsewhere
        Path broken = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.write(broken, new byte[] {1, 2, 3});
        Path data = tmp.resolve("data");
        DataException e = assertThrows(DataException.class,
                () -> manager(data).debianRoot(debian).build().ensure(Dataset.FASHION_MNIST));
        assertTrue(e.getMessage().contains("Debian's " + broken + " does not match"), e.getMessage());
        assertTrue(log().contains("Copying fashion-mnist/train-images-idx3-ubyte.gz from Debian package"), log());

        // the mirror supplies the missing file; the Debian copies in place are accepted by content
        DataManager dm = manager(data).debianRoot(debian).mirror(TestData.mirror()).verbose(true).build();
        dm.ensure(Dataset.FASHION_MNIST);
        assertTrue(log().contains("train-images-idx3-ubyte.gz: present, contents match the verified copy"), log());
        assertEquals(10_000, FashionMnist.load(dm, FashionMnist.Split.TEST).size());
    }

    @Test
    void findsRepositoryFromSubfolderAndResolvesRelativeMirror() throws IOException {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/SHA256SUMS"), "");
        Path notebooks = Files.createDirectories(root.resolve("notebooks/deeper"));
        assertEquals(root, DataManager.findRepoRoot(notebooks));
        assertEquals(null, DataManager.findRepoRoot(tmp));

        DataManager dm = DataManager.fromEnvironment(Map.of(DataManager.MIRROR_ENV, "../shared/datasets"), notebooks).build();
        assertEquals(root.resolve("data"), dm.dataDir());
        assertEquals(tmp.resolve("shared/datasets"), dm.mirror());

        DataManager custom = DataManager.fromEnvironment(Map.of(DataManager.DATA_ENV, "/elsewhere/data"), notebooks).build();
        assertEquals(Path.of("/elsewhere/data"), custom.dataDir());
        assertEquals(null, custom.mirror());

        DataException e = assertThrows(DataException.class, () -> DataManager.fromEnvironment(Map.of(), tmp));
        assertTrue(e.getMessage().contains("set SIAMESE_KIT_DATA"), e.getMessage());
    }
}
