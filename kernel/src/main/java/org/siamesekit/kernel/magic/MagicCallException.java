package org.siamesekit.kernel.magic;

/** A magic that could not be carried out; the kernel reports it with the cell line that called it. */
public final class MagicCallException extends RuntimeException {
    private final String magic;

    public MagicCallException(String magic, String message) {
        super(magic + ": " + message);
        this.magic = magic;
    }

    /** The magic as written, e.g. "%jars". */
    public String magic() {
        return magic;
    }
}
