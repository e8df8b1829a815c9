package org.siamesekit.backend;

import org.siamesekit.notebook.Kit;

/** Runs Kit.setup() in a child JVM, for {@link GpuSelectionTest}. */
public final class KitSetupMain {
    private KitSetupMain() {}

    public static void main(String[] args) {
        Kit.setup();
    }
}
