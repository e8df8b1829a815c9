package org.siamesekit.files;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden temporary files ({@code .NAME.PID-RANDOM.part}) that the kit writes
 * beside a file before renaming them into place, and the clean-up of those left
 * behind when a write was killed (kill -9, a kernel restart, a power cut).
 *
 * <p>The writer's process id is in the name, so a later run can tell a leftover
 * (its process is gone) from a write still going on in another process, and
 * removes only the former. {@code .part} files of other shapes (older kit
 * versions) are reported, never removed.
 *
 * <p>A part file is created without explicit permissions, so it gets the user's
 * umask like any new file (Files.createTempFile would force 0600); when it
 * replaces a file, it takes that file's permissions first.
 */
public final class PartFiles {
    /** .NAME.PID-RANDOM.part */
    private static final Pattern OURS = Pattern.compile("\\..+\\.(\\d+)-[0-9a-f]{8}\\.part");
    private static final long PID = ProcessHandle.current().pid();

    private PartFiles() {}

    /** What a sweep found: the leftovers removed, and the .part files left alone because they may not be ours. */
    public record Sweep(List<Path> removed, long removedBytes, List<Path> unknown) {
        public boolean isEmpty() { return removed.isEmpty() && unknown.isEmpty(); }

        /** One line for the user, or "" when nothing was found. */
        public String describe(Path dir) {
            StringBuilder sb = new StringBuilder();
            if (!removed.isEmpty()) {
                sb.append("Removed ").append(removed.size()).append(" leftover(s) of interrupted writes in ").append(dir)
                        .append(" (").append(String.format("%.1f MB", removedBytes / 1e6)).append("): ")
                        .append(names(removed));
            }
            if (!unknown.isEmpty()) {
                if (sb.length() > 0) sb.append("; ");
                sb.append("Found ").append(unknown.size()).append(" .part file(s) in ").append(dir)
                        .append(" that may be leftovers of interrupted writes; delete them if no other program is writing there: ")
                        .append(names(unknown));
            }
            return sb.toString();
        }

        private static String names(List<Path> paths) {
            return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
        }
    }

    /**
     * Creates an empty part file beside {@code target} (in the same folder, so the
     * final rename stays on one file system), with the umask's permissions, or
     * {@code target}'s when it exists.
     */
    public static Path create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            String name = "." + target.getFileName() + "." + PID + "-"
                    + String.format("%08x", ThreadLocalRandom.current().nextInt()) + ".part";
            try {
                Path tmp = Files.createFile(dir.resolve(name));
                keepModeOf(target, tmp);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    /** Gives {@code tmp} the POSIX permissions of {@code target} when that exists (a replaced file keeps its mode). */
    static void keepModeOf(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(target)) return;
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Files.setPosixFilePermissions(tmp, perms);
    }

    /**
     * Removes the part files in {@code dir} whose writing process has ended, and lists
     * other .part files there. Never throws for a file it cannot remove: that one is
     * listed as unknown, nor for a folder it cannot list.
     */
    public static Sweep sweep(Path dir) {
        List<Path> removed = new ArrayList<>(), unknown = new ArrayList<>();
        long bytes = 0;
        if (!Files.isDirectory(dir)) return new Sweep(removed, 0, unknown);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path p : files) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue; // still writing
                    try {
                        long size = Files.size(p);
                        Files.delete(p);
                        removed.add(p);
                        bytes += size;
                        continue;
                    } catch (IOException e) {
                        // fall through: report it
                    }
                }
                unknown.add(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a folder we cannot list fails later with the real operation's message
        }
        return new Sweep(List.copyOf(removed), bytes, List.copyOf(unknown));
    }

    /** {@link #sweep} that prints its finding, if any, as one line to {@code out}. */
    public static Sweep sweepAndReport(Path dir, PrintStream out) {
        Sweep s = sweep(dir);
        if (!s.isEmpty()) out.println(s.describe(dir));
        return s;
    }
}
