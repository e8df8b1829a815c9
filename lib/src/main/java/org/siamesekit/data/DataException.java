package org.siamesekit.data;

/**
 * A dataset could not be made available: a file with the wrong checksum, a
 * damaged mirror, no source that works. The message says which file, what was
 * expected and found, and what the user can do about it.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
