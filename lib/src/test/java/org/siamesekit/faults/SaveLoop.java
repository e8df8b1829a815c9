package org.siamesekit.faults;

import java.nio.file.Path;

import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;

/** Saves a 16 MB model over the same file again and again until killed; for {@link KillTest}. */
public final class SaveLoop {
    private SaveLoop() {}

    public static void main(String[] args) {
        SiameseModel m = SiameseModel.koch(EmbeddingNet.input(1, 64, 64).flatten().dense(1000, Activation.SIGMOID), 1);
        for (long i = 0; ; i++) {
            m.save(Path.of(args[0]), true);
            System.out.println("saved " + i);
            System.out.flush();
        }
    }
}
