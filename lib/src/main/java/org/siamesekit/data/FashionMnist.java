package org.siamesekit.data;

import java.nio.file.Path;
import java.util.List;

import org.siamesekit.readers.IdxReader;
import org.siamesekit.readers.MalformedFileException;

/**
 * Fashion-MNIST: Zalando article images, 28 x 28 grey, 10 classes; 60,000
 * training and 10,000 test images in gzip'd IDX files.
 *
 * <p>Pixels are grey values / 255 in [0, 1] as in the files (0 = black
 * background, garments light). Labels 0..9 name the classes in
 * {@link #CLASS_NAMES}, the order the dataset defines.
 */
public final class FashionMnist {
    public static final int SIZE = 28;
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two parts of the dataset, with their files and sizes. */
    public enum Split {
        TRAIN("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 60_000),
        TEST("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10_000);

        public final String imagesFile, labelsFile;
        public final int count;

        Split(String imagesFile, String labelsFile, int count) {
            this.imagesFile = imagesFile;
            this.labelsFile = labelsFile;
            this.count = count;
        }
    }

    private FashionMnist() {}

    /** One split, from the standard data folder. */
    public static LabelledImages load(Split split) {
        return load(DataManager.standard(), split);
    }

    /** One split, made available by {@code data}; checks it has the expected 60,000 or 10,000 images. */
    public static LabelledImages load(DataManager data, Split split) {
        data.ensure(Dataset.FASHION_MNIST);
        Path images = data.path(Dataset.FASHION_MNIST.file(split.imagesFile));
        Path labels = data.path(Dataset.FASHION_MNIST.file(split.labelsFile));
        LabelledImages set = read(images, labels);
        if (set.size() != split.count) {
            throw new MalformedFileException(images.toString(), set.size() + " images, the " + split
                    + " split of Fashion-MNIST has " + split.count);
        }
        return set;
    }

    /** Reads a pair of IDX files and checks they hold 28 x 28 images with labels 0..9. */
    public static LabelledImages read(Path imagesFile, Path labelsFile) {
        IdxReader.LabelledSet s = IdxReader.readLabelled(imagesFile, labelsFile);
        IdxReader.Images im = s.images();
        if (im.rows() != SIZE || im.cols() != SIZE) {
            throw new MalformedFileException(im.source(), "images are " + im.rows() + "x" + im.cols() + ", expected "
                    + SIZE + "x" + SIZE);
        }
        int[] labels = s.labels().values();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new MalformedFileException(s.labels().source(), "label " + labels[i] + " of image " + i
                        + " is not a class (0.." + (CLASS_NAMES.size() - 1) + ")");
            }
        }
        ImageArrayBuilder out = new ImageArrayBuilder(im.count(), SIZE, SIZE);
        // converted in chunks so the float copy never needs the whole set at once
        int chunk = 4096, px = SIZE * SIZE;
        float[] buf = new float[chunk * px];
        byte[] pixels = im.pixels();
        for (int first = 0; first < im.count(); first += chunk) {
            int n = Math.min(chunk, im.count() - first);
            int base = first * px;
            for (int j = 0; j < n * px; j++) buf[j] = (pixels[base + j] & 0xff) / 255f;
            out.putAll(first, n, buf);
        }
        return new LabelledImages(out.build(), labels, CLASS_NAMES);
    }

    /** Checks that {@code file} is a well-formed copy of Fashion-MNIST's file {@code f} (format, counts, sizes). */
    static void checkFile(DataFile f, Path file) {
        for (Split s : Split.values()) {
            if (f.fileName().equals(s.imagesFile)) {
                IdxReader.Images im = IdxReader.readImages(file);
                expect(file, im.count(), s.count, "images");
                if (im.rows() != SIZE || im.cols() != SIZE) {
                    throw new MalformedFileException(file.toString(), "images are " + im.rows() + "x" + im.cols()
                            + ", expected " + SIZE + "x" + SIZE);
                }
                return;
            }
            if (f.fileName().equals(s.labelsFile)) {
                expect(file, IdxReader.readLabels(file).count(), s.count, "labels");
                return;
            }
        }
        throw new IllegalArgumentException("not a Fashion-MNIST file: " + f.path());
    }

    private static void expect(Path file, int got, int want, String what) {
        if (got != want) throw new MalformedFileException(file.toString(), got + " " + what + ", expected " + want);
    }
}
