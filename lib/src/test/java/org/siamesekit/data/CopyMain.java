package org.siamesekit.data;

import java.nio.file.Path;

/** Copies Fashion-MNIST from a mirror into a data folder; killed mid-copy by {@link DataFaultsTest}. */
public final class CopyMain {
    private CopyMain() {}

    public static void main(String[] args) {
        DataManager.builder(Path.of(args[0])).mirror(Path.of(args[1])).downloads(false).build().ensure(Dataset.FASHION_MNIST);
    }
}
