package org.siamesekit.models;

import java.nio.file.Path;

/**
 * A saved model that cannot be loaded: damaged (a flipped bit, a truncated copy),
 * changed by hand, or not a kit model at all. The message names the file and,
 * where one is to blame, the entry inside it, then says what is wrong and what to do.
 */
public class ModelFileException extends IllegalArgumentException {
    private final transient Path file;
    private final String entry;

    public ModelFileException(Path file, String entry, String problem, Throwable cause) {
        super(file + (entry == null ? "" : ", entry " + entry) + ": " + problem, cause);
        this.file = file;
        this.entry = entry;
    }

    /** The model file. */
    public Path file() { return file; }

    /** The zip entry to blame, or null when the file as a whole is. */
    public String entry() { return entry; }
}
