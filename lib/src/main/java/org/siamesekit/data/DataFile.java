package org.siamesekit.data;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file of a dataset, and every way the kit can recognise a good copy of it.
 *
 * @param path         where it lives, relative to the data folder (and to a mirror), e.g. "fashion-mnist/t10k-labels-idx1-ubyte.gz"
 * @param size         size in bytes of the verified copy
 * @param sha256       SHA-256 of the verified copy (the project's shared datasets, SHA256SUMS)
 * @param upstreamMd5  MD5 of the file as its authors publish it, or null when none is known
 * @param content      a digest of what the file holds, independent of its container, or null
 * @param urls         canonical public download addresses, tried in order
 * @param debianPath   absolute path where a Debian package installs an equivalent file, or null
 */
public record DataFile(String path, long size, String sha256, String upstreamMd5, Content content,
                       List<URI> urls, String debianPath) {

    public DataFile {
        urls = List.copyOf(urls);
    }

    /** The file's name without folders. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * A digest of a file's payload, so that a re-packed container (a zip packed
     * anew, a gzip compressed again, as Debian does) is still recognised as the
     * same data. See {@link Checksums} for exactly what is hashed.
     *
     * @param kind         what is hashed
     * @param entryPattern for {@link Kind#ZIP_ENTRIES}: which entries count, group 1 being the name hashed
     * @param sha256       the expected digest
     */
    public record Content(Kind kind, Pattern entryPattern, String sha256) {
        public static Content gzipPayload(String sha256) {
            return new Content(Kind.GZIP_PAYLOAD, null, sha256);
        }

        public static Content zipEntries(String regex, String sha256) {
            return new Content(Kind.ZIP_ENTRIES, Pattern.compile(regex), sha256);
        }

        public String describe() {
            return kind == Kind.GZIP_PAYLOAD
                    ? "SHA-256 " + sha256 + " of the decompressed data"
                    : "SHA-256 " + sha256 + " over the image entries (see Checksums.zipEntriesSha256)";
        }
    }

    public enum Kind { GZIP_PAYLOAD, ZIP_ENTRIES }
}
