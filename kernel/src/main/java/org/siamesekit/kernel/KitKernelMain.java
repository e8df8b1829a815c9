package org.siamesekit.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import org.siamesekit.kernel.io.CellOutput;

/**
 * Entry point Jupyter runs (through bin/siamese-kit-kernel) with the path of a
 * connection file.
 * <p>
 * Order matters for starting reliably: the kernel, its JShell and every message
 * handler exist before {@code connect()} binds the sockets, so the first request
 * a client sends (kernel_info) always finds a complete kernel to answer it.
 */
public final class KitKernelMain {
    private KitKernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: siamese-kit-kernel <connection-file.json>");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("siamese-kit-kernel: connection file " + connectionFile + " does not exist");
            System.exit(2);
        }
        // Charts and images are drawn off-screen; there is no display to open.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        // basekernel's channel loops log every start and stop at INFO under
        // per-thread logger names; keep the Jupyter server log to warnings.
        for (Handler h : Logger.getLogger("").getHandlers()) h.setLevel(Level.WARNING);

        try {
            KernelConnectionProperties props =
                    KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
            ParentWatch.start(System.getenv("JPY_PARENT_PID"));
            // Batched output from here on; startup messages before the first
            // cell still reach the original streams (the server log).
            CellOutput output = new CellOutput(System.out, System.err);
            KitKernel kernel = KitKernel.fromEnvironment(System.getenv());
            kernel.useOutput(output);
            System.setOut(output.out());
            System.setErr(output.err());
            System.setIn(kernel.getIO().in);
            kernel.makeCurrent();
            kernel.runStartupScripts(System.getenv());

            JupyterConnection connection = new JupyterConnection(props);
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
            connection.waitUntilClose();
        } catch (Throwable t) {
            // E.g. a port from the connection file taken by another process in the
            // meantime. Sockets bound before the failure run on non-daemon threads
            // and would keep a dead kernel alive; exiting lets Jupyter see the
            // failure at once (and restart on fresh ports) instead of timing out.
            System.err.println("siamese-kit-kernel: cannot start: " + t);
            t.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        System.exit(0);
    }
}
