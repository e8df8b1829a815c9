package org.siamesekit.kernel.magic;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The magics a notebook can call, by name. Cells reach them through
 * {@link #lineMagic} and {@link #cellMagic}, which {@link LineMagics#transform}
 * writes in place of {@code %name args} and {@code %%name args} (IJava's
 * functions of the same names); a notebook may also call them directly.
 */
public final class Magics {
    /** A line magic: the words after its name. */
    @FunctionalInterface
    public interface Line {
        Object run(List<String> args) throws Exception;
    }

    /** A cell magic: the words after its name and the rest of the cell. */
    @FunctionalInterface
    public interface Cell {
        Object run(List<String> args, String body) throws Exception;
    }

    private static volatile Magics current;

    private final Map<String, Line> lineMagics = new TreeMap<>();
    private final Map<String, Cell> cellMagics = new TreeMap<>();

    public Magics line(String name, Line magic) {
        lineMagics.put(name, magic);
        return this;
    }

    public Magics cell(String name, Cell magic) {
        cellMagics.put(name, magic);
        return this;
    }

    /** Makes these the magics cells call. */
    public void makeCurrent() {
        current = this;
    }

    /** Runs {@code %name args}; its value is what the magic returns (a list of added paths for %jars). */
    @SuppressWarnings("unchecked")
    public static <T> T lineMagic(String name, List<String> args) {
        Magics m = installed();
        Line magic = m.lineMagics.get(name);
        if (magic == null) {
            throw new MagicCallException("%" + name, "unknown line magic; this kernel has %"
                    + String.join(", %", m.lineMagics.keySet()));
        }
        try {
            return (T) magic.run(args);
        } catch (MagicCallException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicCallException("%" + name, describe(e));
        }
    }

    /** Runs {@code %%name args} with the rest of the cell as body. */
    @SuppressWarnings("unchecked")
    public static <T> T cellMagic(String name, List<String> args, String body) {
        Magics m = installed();
        Cell magic = m.cellMagics.get(name);
        if (magic == null) {
            throw new MagicCallException("%%" + name, "unknown cell magic; this kernel has %%"
                    + String.join(", %%", m.cellMagics.keySet()));
        }
        try {
            return (T) magic.run(args, body);
        } catch (MagicCallException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicCallException("%%" + name, describe(e));
        }
    }

    private static Magics installed() {
        Magics m = current;
        if (m == null) throw new IllegalStateException("magics run only inside the kit's Jupyter kernel");
        return m;
    }

    private static String describe(Exception e) {
        String msg = e.getMessage();
        return msg != null && !msg.isBlank() ? msg : e.getClass().getName();
    }
}
