package org.siamesekit.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/** The digests the data manager checks: of the file itself, and of what it holds. */
public final class Checksums {
    private Checksums() {}

    /** SHA-256 and MD5 of a file, in lower-case hex. */
    public record FileDigests(String sha256, String md5) {}

    /** SHA-256 and MD5 of a file, computed in one pass. */
    public static FileDigests of(Path file) {
        MessageDigest sha = DigestUtils.getSha256Digest(), md5 = DigestUtils.getMd5Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                md5.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new FileDigests(Hex.encodeHexString(sha.digest()), Hex.encodeHexString(md5.digest()));
    }

    /** SHA-256 of the decompressed bytes of a gzip file. */
    public static String gzipPayloadSha256(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            return DigestUtils.sha256Hex(in);
        }
    }

    /**
     * SHA-256 over the zip entries whose names match {@code entryPattern}, independent of
     * the zip container (compression, dates, order, top folder). Each matching entry is
     * named by the pattern's group 1; entries are taken in name order, and each adds its
     * name (UTF-8), a zero byte, its length as 8 big-endian bytes and its bytes.
     * Entries that do not match are ignored; a name matched twice is an error.
     */
    public static String zipEntriesSha256(Path zip, Pattern entryPattern) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Map<String, ZipEntry> byName = new TreeMap<>();
            for (ZipEntry e : java.util.Collections.list(zf.entries())) {
                if (e.isDirectory()) continue;
                Matcher m = entryPattern.matcher(e.getName());
                if (m.matches() && byName.put(m.group(1), e) != null) {
                    throw new IOException(zip + ": two entries are named " + m.group(1));
                }
            }
            MessageDigest sha = DigestUtils.getSha256Digest();
            for (Map.Entry<String, ZipEntry> en : byName.entrySet()) {
                byte[] bytes;
                try (InputStream in = zf.getInputStream(en.getValue())) {
                    bytes = in.readAllBytes();
                }
                sha.update(en.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                for (int s = 56; s >= 0; s -= 8) sha.update((byte) ((long) bytes.length >>> s));
                sha.update(bytes);
            }
            return Hex.encodeHexString(sha.digest());
        }
    }
}
