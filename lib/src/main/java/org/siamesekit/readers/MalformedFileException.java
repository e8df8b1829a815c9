package org.siamesekit.readers;

/**
 * A data file that does not have the expected format or content.
 *
 * <p>Unchecked on purpose: notebook cells and parallel decoding lambdas should
 * not need try/catch for what is, in practice, a broken download. The message
 * always starts with the file (or zip entry) name, then says what is wrong, so
 * the user can tell which file to replace.
 */
public class MalformedFileException extends RuntimeException {
    private final String source;
    private final String problem;

    public MalformedFileException(String source, String problem) {
        this(source, problem, null);
    }

    public MalformedFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file, or "zip!entry", that is malformed. */
    public String source() { return source; }

    /** What is wrong, without the file name. */
    public String problem() { return problem; }
}
