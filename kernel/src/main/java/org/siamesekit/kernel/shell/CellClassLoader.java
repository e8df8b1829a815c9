package org.siamesekit.kernel.shell;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, and the jars and folders added to
 * the notebook classpath. Its parent is the kernel's own loader, and lookups go
 * to the parent first: so there is one copy of the basekernel and kernel classes,
 * shared by the kernel and by cell code. lib's Notebook bridge relies on that to
 * find {@code KitKernel.current()} and to see the kernel as a {@code BaseKernel}.
 */
final class CellClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    CellClassLoader(ClassLoader parent) {
        super("siamese-kit-cells", new URL[0], parent);
    }

    /** Makes JShell-compiled bytecode available under its class name. */
    void declare(String className, byte[] bytecode) {
        compiled.put(className, bytecode);
    }

    void addPath(Path path) {
        try {
            addURL(path.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot put " + path + " on the classpath: " + e.getMessage(), e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = compiled.get(name);
        if (b != null) {
            byte[] guarded = ExitCalls.rewrite(b);
            return defineClass(name, guarded, 0, guarded.length, (ProtectionDomain) null);
        }
        return super.findClass(name);
    }
}
