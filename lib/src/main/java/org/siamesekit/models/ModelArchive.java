package org.siamesekit.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zip container of a saved model, with its integrity checks: every byte a
 * load uses is checked before ND4J sees it.
 *
 * <p>Saving adds an entry {@value #MANIFEST} (the format of {@code sha256sum}:
 * one "HEX  NAME" line per other entry). Loading opens the zip, requires its
 * entries to be exactly those of the manifest, and checks each entry as it is
 * read: its length, its CRC-32 (which {@link ZipFile} itself does not check) and
 * its SHA-256. Arrays are then parsed by {@link NpyHeader}. A model saved before
 * manifests existed (no {@code integrity} key in {@code model.properties}) is
 * still read, with the CRC-32 and .npy checks only.
 */
final class ModelArchive implements AutoCloseable {
    static final String MANIFEST = "SHA256SUMS";
    /** The key in model.properties that says the archive has a manifest. */
    static final String INTEGRITY_KEY = "integrity";
    static final String INTEGRITY = "sha256 manifest " + MANIFEST;

    private static final String WHAT_TO_DO = "The file is damaged or was changed after saving;"
            + " load an intact copy, or train and save the model again.";

    private final Path file;
    private final ZipFile zip;
    private final Map<String, String> manifest; // null: an archive from before manifests

    private ModelArchive(Path file, ZipFile zip, Map<String, String> manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * Opens a saved model and checks its list of entries against the manifest
     * when {@code model.properties} says it has one.
     */
    static ModelArchive open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, null, "not a readable zip file (" + e.getMessage() + "). " + WHAT_TO_DO, e);
        }
        try {
            ModelArchive a = new ModelArchive(file, zip, null);
            List<String> names = a.entryNames();
            if (!names.contains("model.properties")) {
                throw new ModelFileException(file, null, "no model.properties inside; not a saved Siamese kit model"
                        + (names.isEmpty() ? "" : " (entries: " + String.join(", ", names.subList(0, Math.min(5, names.size()))) + ")"), null);
            }
            if (!a.properties("model.properties").containsKey(INTEGRITY_KEY)) return a;
            ModelArchive checked = new ModelArchive(file, zip, readManifest(a));
            var expected = new TreeSet<>(checked.manifest.keySet());
            expected.add(MANIFEST);
            var found = new TreeSet<>(names);
            if (!expected.equals(found)) {
                var extra = new TreeSet<>(found);
                extra.removeAll(expected);
                var missing = new TreeSet<>(expected);
                missing.removeAll(found);
                throw new ModelFileException(file, null, "its entries do not match its manifest " + MANIFEST
                        + (missing.isEmpty() ? "" : "; missing: " + missing) + (extra.isEmpty() ? "" : "; not listed: " + extra)
                        + ". " + WHAT_TO_DO, null);
            }
            return checked;
        } catch (ModelFileException e) {
            closeQuietly(zip);
            throw e;
        } catch (RuntimeException e) { // e.g. an entry name that is not valid UTF-8
            closeQuietly(zip);
            throw new ModelFileException(file, null, "its zip directory is unreadable (" + e.getMessage() + "). " + WHAT_TO_DO, e);
        }
    }

    Path file() { return file; }

    boolean has(String entry) { return zip.getEntry(entry) != null; }

    /** An error about one entry, with the file's name and the advice. */
    ModelFileException damaged(String entry, String problem, Throwable cause) {
        return new ModelFileException(file, entry, problem + ". " + WHAT_TO_DO, cause);
    }

    /** The bytes of an entry, after checking its length, CRC-32 and (with a manifest) SHA-256. */
    byte[] bytes(String entry) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) throw new ModelFileException(file, entry, "missing. " + WHAT_TO_DO, null);
        byte[] data;
        try (InputStream in = zip.getInputStream(e)) {
            if (e.getSize() > Integer.MAX_VALUE - 8) throw damaged(entry, "declares " + e.getSize() + " bytes", null);
            data = in.readAllBytes();
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof ModelFileException m) throw m;
            throw damaged(entry, "cannot be read (" + ex.getMessage() + ")", ex);
        }
        if (e.getSize() >= 0 && data.length != e.getSize()) {
            throw damaged(entry, "has " + data.length + " bytes, the zip directory says " + e.getSize(), null);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw damaged(entry, String.format("CRC-32 is %08x, the zip directory says %08x", crc.getValue(), e.getCrc()), null);
        }
        if (manifest != null && !entry.equals(MANIFEST)) {
            String want = manifest.get(entry), got = sha256(data);
            if (!got.equals(want)) throw damaged(entry, "SHA-256 " + got + " differs from " + want + " in " + MANIFEST, null);
        }
        return data;
    }

    String text(String entry) {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    Properties properties(String entry) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text(entry)));
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof ModelFileException m) throw m;
            throw damaged(entry, "is not a readable properties file (" + e.getMessage() + ")", e);
        }
        return p;
    }

    /** A .npy entry as an array, its header and length checked in Java first. */
    INDArray array(String entry) {
        byte[] npy = bytes(entry);
        try {
            return NpyHeader.read(npy, file + ", entry " + entry);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, entry, "not a readable .npy array: "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        }
    }

    private List<String> entryNames() {
        List<String> names = new ArrayList<>();
        var seen = new TreeSet<String>();
        for (var en = zip.entries(); en.hasMoreElements(); ) {
            String n = en.nextElement().getName();
            if (!seen.add(n)) throw new ModelFileException(file, n, "appears twice in the zip. " + WHAT_TO_DO, null);
            names.add(n);
        }
        return names;
    }

    private static Map<String, String> readManifest(ModelArchive a) {
        Map<String, String> m = new LinkedHashMap<>();
        String text = a.text(MANIFEST);
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isEmpty()) continue;
            if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                throw a.damaged(MANIFEST, "line " + lineNo + " is not \"SHA256  NAME\"", null);
            }
            m.put(line.substring(66), line.substring(0, 64));
        }
        return m;
    }

    @Override
    public void close() { closeQuietly(zip); }

    private static void closeQuietly(ZipFile z) {
        try {
            z.close();
        } catch (IOException ignored) {
            // reading is over; nothing to lose
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Writes the entries of a model and, at {@link #finish}, the manifest of their SHA-256s. */
    static final class Writer implements AutoCloseable {
        private final ZipOutputStream zip;
        private final StringBuilder manifest = new StringBuilder();

        Writer(OutputStream out) {
            this.zip = new ZipOutputStream(out);
        }

        void put(String name, byte[] data) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
            zip.closeEntry();
            manifest.append(sha256(data)).append("  ").append(name).append('\n');
        }

        void putProperties(String name, Properties p, String comment) throws IOException {
            StringWriter w = new StringWriter();
            p.store(w, comment);
            put(name, w.toString().getBytes(StandardCharsets.UTF_8));
        }

        void putArray(String name, INDArray a) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Nd4j.writeAsNumpy(a.dup('c'), buf);
            put(name, buf.toByteArray());
        }

        /** Writes the manifest and ends the zip (closing it also ends its native Deflater). */
        void finish() throws IOException {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.close();
        }

        @Override
        public void close() throws IOException { zip.close(); } // no-op after finish
    }
}
