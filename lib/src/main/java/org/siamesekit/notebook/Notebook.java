package org.siamesekit.notebook;

import java.lang.reflect.Method;
import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The bridge from lib code to the Jupyter kernel running it: display an object
 * now, and update that same output later (live training progress). Works under
 * the kit's own kernel and under IJava, both built on jupyter-jvm-basekernel;
 * outside a kernel (tests, benchmarks) it prints text to standard output.
 */
public final class Notebook {
    private static final String[][] KERNEL_ACCESSORS = {
            {"org.siamesekit.kernel.KitKernel", "current"},
            {"io.github.spencerpark.ijava.IJava", "getKernelInstance"},
    };

    private Notebook() {}

    /** The kernel running this code, or null outside Jupyter. */
    public static BaseKernel kernel() {
        for (String[] accessor : KERNEL_ACCESSORS) {
            try {
                Class<?> c = Class.forName(accessor[0], true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : Notebook.class.getClassLoader());
                Method m = c.getMethod(accessor[1]);
                Object k = m.invoke(null);
                if (k instanceof BaseKernel bk) return bk;
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not this kernel; try the next
            }
        }
        return null;
    }

    /** True when a Jupyter kernel is running this code. */
    public static boolean inNotebook() {
        return kernel() != null;
    }

    /**
     * Shows an object as a cell output (an image for charts and images, HTML for
     * tables, text otherwise) and returns a handle that can replace it later.
     */
    public static DisplayHandle display(Object o) {
        BaseKernel k = kernel();
        String id = UUID.randomUUID().toString();
        if (k == null) {
            System.out.println(o);
            return new DisplayHandle(null);
        }
        DisplayData data = k.getRenderer().render(o);
        data.setDisplayId(id);
        k.getIO().display.display(data);
        return new DisplayHandle(id);
    }

    /** A cell output that can be replaced in place. */
    public static final class DisplayHandle {
        private final String id;

        DisplayHandle(String id) { this.id = id; }

        /** The Jupyter display id, or null outside a kernel. */
        public String id() { return id; }

        /** Replaces the output with a rendering of o (outside a kernel: prints o). */
        public void update(Object o) {
            BaseKernel k = kernel();
            if (k == null || id == null) {
                System.out.println(o);
                return;
            }
            DisplayData data = k.getRenderer().render(o);
            k.getIO().display.updateDisplay(id, data);
        }
    }
}
