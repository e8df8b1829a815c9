package org.siamesekit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kit's checkout is and where its build outputs go, found one way
 * for every caller: {@code build/<kind>/<name>} under the checkout's root.
 * The root is the nearest of the working folder and its parents that holds
 * {@code data/SHA256SUMS} (notebooks run in notebooks/, scripts in the root).
 */
public final class KitPaths {
    /** The file that marks the kit's checkout. */
    public static final String MARKER = "data/SHA256SUMS";

    private KitPaths() {}

    /** The nearest of {@code from} and its parents holding {@value #MARKER}, or null. */
    public static Path findRoot(Path from) {
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MARKER))) return p;
        }
        return null;
    }

    /** The checkout's root, seen from the working folder. */
    public static Path root() {
        Path root = findRoot(Path.of(""));
        if (root == null) {
            throw new IllegalStateException("cannot find the kit's checkout: neither "
                    + Path.of("").toAbsolutePath() + " nor a folder above it holds " + MARKER
                    + "; start Jupyter inside the kit's folder");
        }
        return root;
    }

    /**
     * {@code build/<kind>/<name>} under the checkout's root (e.g. kind "models"),
     * its folder created if missing; the file itself is not touched.
     */
    public static Path outputFile(String kind, String name) {
        return outputFile(root(), kind, name);
    }

    /** {@code build/<kind>/<name>} under {@code root}, its folder created if missing. */
    public static Path outputFile(Path root, String kind, String name) {
        for (String part : new String[] {kind, name}) {
            if (part == null || part.isBlank() || part.contains("/") || part.contains("\\") || part.equals("..")) {
                throw new IllegalArgumentException("not a plain file or folder name: \"" + part + "\"");
            }
        }
        Path dir = root.resolve("build").resolve(kind);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(name);
    }
}
