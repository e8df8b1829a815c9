package org.siamesekit.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the files a user keeps (models, galleries, CSV exports) so that an
 * interrupted write never leaves half a file under the real name, and an
 * existing file is replaced only when the caller asks for it.
 *
 * <p>The content goes to a hidden temporary file beside the target, which is
 * then renamed into place (atomically where the file system allows). Without
 * {@code replace} the rename itself refuses an existing target, so a file that
 * appears while we write is not clobbered either. The file gets the user's
 * umask, or the mode of the file it replaces; see {@link PartFiles}.
 */
public final class SafeFiles {
    private SafeFiles() {}

    /** Writes the bytes of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the text of a file (UTF-8). */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code file} and returns its absolute path.
     *
     * @param replace     whether an existing file may be replaced
     * @param what        what the file is, for error messages ("the model", "CSV")
     * @param replaceHint how to ask for replacement, said when the file exists ("call save(path, true) to replace it")
     * @throws UncheckedIOException wrapping a {@link FileAlreadyExistsException} when the file exists and
     *                              {@code replace} is false, or the write's IOException
     */
    public static Path write(Path file, boolean replace, String what, String replaceHint, Content content) {
        Path target = file.toAbsolutePath();
        if (!replace && Files.exists(target)) throw alreadyThere(target, replaceHint);
        Path tmp = null;
        try {
            PartFiles.sweepAndReport(target.getParent(), System.out); // leftovers of writes killed earlier
            tmp = PartFiles.create(target); // umask's mode, or that of the file it replaces
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            if (replace) {
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(tmp, target); // fails if a file appeared meanwhile
            }
            tmp = null;
            return target;
        } catch (FileAlreadyExistsException e) {
            throw alreadyThere(target, replaceHint);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + what + " to " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
        }
    }

    /** {@link #write(Path, boolean, String, String, Content)} for UTF-8 text. */
    public static Path writeText(Path file, boolean replace, String what, String replaceHint, TextContent content) {
        return write(file, replace, what, replaceHint, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.writeTo(w);
            w.flush(); // the stream underneath is closed by write()
        });
    }

    private static UncheckedIOException alreadyThere(Path target, String replaceHint) {
        return new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                "a file is already there; " + replaceHint));
    }
}
