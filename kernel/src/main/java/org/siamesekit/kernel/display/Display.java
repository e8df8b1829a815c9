package org.siamesekit.kernel.display;

import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import org.siamesekit.kernel.KitKernel;

/**
 * The display functions cells call without a prefix (the kernel imports them
 * statically at startup), with IJava's names and signatures so notebooks run
 * under either kernel: {@code String id = display(chart); ... updateDisplay(id, chart);}
 */
public final class Display {
    private Display() {}

    /** Shows o as a cell output now; returns its display id for {@link #updateDisplay}. */
    public static String display(Object o) {
        return show(kernel(), kernel().getRenderer().render(o));
    }

    /** Shows o rendered as the given MIME types (e.g. "text/html"). */
    public static String display(Object o, String... mimeTypes) {
        return show(kernel(), kernel().getRenderer().renderAs(o, mimeTypes));
    }

    /** Replaces the output shown under id with a rendering of o. */
    public static void updateDisplay(String id, Object o) {
        BaseKernel k = kernel();
        k.getIO().display.updateDisplay(id, k.getRenderer().render(o));
    }

    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        BaseKernel k = kernel();
        k.getIO().display.updateDisplay(id, k.getRenderer().renderAs(o, mimeTypes));
    }

    /** The rendering of o, to show later or to return as a cell's value. */
    public static DisplayData render(Object o) {
        return kernel().getRenderer().render(o);
    }

    public static DisplayData render(Object o, String... mimeTypes) {
        return kernel().getRenderer().renderAs(o, mimeTypes);
    }

    private static String show(BaseKernel k, DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        k.display(data);
        return id;
    }

    private static BaseKernel kernel() {
        BaseKernel k = KitKernel.current();
        if (k == null) throw new IllegalStateException("display functions need a running Siamese kit kernel");
        return k;
    }
}
