package org.siamesekit.kernel.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/** JShell's class-loading hooks, backed by a {@link CellClassLoader}. */
final class CellLoaderDelegate implements LoaderDelegate {
    private final CellClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    CellLoaderDelegate(CellClassLoader loader) {
        this.loader = loader;
    }

    CellClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        for (ClassBytecodes cbc : cbcs) loader.declare(cbc.name(), cbc.bytecodes());
        boolean[] installed = new boolean[cbcs.length];
        Throwable failure = null;
        String failedName = null;
        for (int i = 0; i < cbcs.length; i++) {
            try {
                loaded.put(cbcs[i].name(), Class.forName(cbcs[i].name(), false, loader));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                failure = e;
                failedName = cbcs[i].name();
            }
        }
        if (failure != null) {
            throw new ClassInstallException("could not load " + failedName + ": " + failure, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) loader.declare(cbc.name(), cbc.bytecodes());
    }

    @Override
    public void addToClasspath(String path) {
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) loader.addPath(Path.of(entry));
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        return c != null ? c : Class.forName(name, false, loader);
    }
}
