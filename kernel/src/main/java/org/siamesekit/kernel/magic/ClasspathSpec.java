package org.siamesekit.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns classpath text, as written in {@code IJAVA_CLASSPATH} or after
 * {@code %jars} and {@code %classpath}, into existing files.
 * <p>
 * An entry is a jar or a class folder; {@code dir/*} means the jars in dir (as
 * with {@code java -cp}); any other glob in the last segment ({@code dir/xchart-*.jar})
 * is matched against the names in dir. An entry that matches nothing is an error
 * naming the entry, so a typo does not surface later as a puzzling
 * "cannot find symbol".
 */
public final class ClasspathSpec {
    private static final Pattern GLOB_CHARS = Pattern.compile("[*?\\[{]");

    private ClasspathSpec() {}

    /** Expands a list separated by the platform path separator; blank entries are skipped. */
    public static List<Path> expandList(String list, Path base) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        if (list == null) return new ArrayList<>(out);
        for (String entry : list.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) out.addAll(expand(entry.strip(), base));
        }
        return new ArrayList<>(out);
    }

    /** Expands one entry, relative paths against base; the result is absolute and sorted by name. */
    public static List<Path> expand(String entry, Path base) throws IOException {
        String spec = entry.strip();
        if (spec.isEmpty()) throw new IllegalArgumentException("empty classpath entry");
        if (spec.equals("~") || spec.startsWith("~/")) spec = System.getProperty("user.home") + spec.substring(1);

        int slash = Math.max(spec.lastIndexOf('/'), spec.lastIndexOf(File.separatorChar));
        String dirPart = slash >= 0 ? spec.substring(0, slash + 1) : "";
        String namePart = spec.substring(slash + 1);
        if (GLOB_CHARS.matcher(dirPart).find()) {
            throw new IllegalArgumentException("classpath entry '" + entry
                    + "': wildcards are allowed only in the last path segment");
        }

        if (!GLOB_CHARS.matcher(namePart).find()) {
            Path p = base.resolve(spec).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("classpath entry '" + entry + "': no such file or folder (" + p + ")");
            }
            return List.of(p);
        }

        Path dir = base.resolve(dirPart.isEmpty() ? "." : dirPart).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("classpath entry '" + entry + "': folder " + dir + " does not exist");
        }
        // A bare "*" means jars, like java -cp; an explicit pattern means what it says.
        boolean jarsOnly = namePart.equals("*");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePart);
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Path name = p.getFileName();
                if (jarsOnly ? isJar(p) : matcher.matches(name)) found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("classpath entry '" + entry + "': matches no "
                    + (jarsOnly ? "jar" : "file") + " in " + dir);
        }
        found.sort(null);
        return found;
    }

    private static boolean isJar(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return n.endsWith(".jar") && Files.isRegularFile(p);
    }
}
