package org.siamesekit.kernel.shell;

import java.util.Map;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell the kernel's execution control and keeps hold of it for the evaluator. */
final class CellExecutionControlProvider implements ExecutionControlProvider {
    private final ClassLoader parent;
    private CellExecutionControl control;

    CellExecutionControlProvider(ClassLoader parent) {
        this.parent = parent;
    }

    @Override
    public String name() {
        return "siamese-kit-local";
    }

    @Override
    public synchronized ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        if (control != null) throw new IllegalStateException("one JShell per provider");
        control = new CellExecutionControl(new CellLoaderDelegate(new CellClassLoader(parent)));
        return control;
    }

    synchronized CellExecutionControl control() {
        if (control == null) throw new IllegalStateException("JShell has not asked for an execution control yet");
        return control;
    }
}
