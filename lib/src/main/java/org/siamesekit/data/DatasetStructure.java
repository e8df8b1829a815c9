package org.siamesekit.data;

import java.nio.file.Path;

/**
 * Opens a dataset file and checks its structure: for copies accepted by an
 * upstream MD5 or a content digest rather than the verified copy's SHA-256.
 */
final class DatasetStructure {
    private DatasetStructure() {}

    static void check(Dataset d, DataFile f, Path file) {
        switch (d) {
            case ORL_FACES -> OrlFaces.read(file, 1); // 400 small PGMs: cheap enough to decode them all
            case FASHION_MNIST -> FashionMnist.checkFile(f, file);
            case OMNIGLOT_BACKGROUND -> Omniglot.checkStructure(file, Omniglot.Split.BACKGROUND);
            case OMNIGLOT_EVALUATION -> Omniglot.checkStructure(file, Omniglot.Split.EVALUATION);
        }
    }
}
