package org.siamesekit.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.Pairs;

/**
 * Test-only access to the real ORL faces: reads orl_faces.zip directly (a
 * minimal binary-PGM parse) so the training tests can use real data before and
 * independently of lib's readers. Looks in $SIAMESE_KIT_DATA_MIRROR, the kit's
 * data/ folder and ../shared/datasets beside the checkout; skips the test when
 * none has the file.
 */
public final class OrlTestData {
    private OrlTestData() {}

    public static Path zip() {
        List<Path> candidates = new ArrayList<>();
        String mirror = System.getenv("SIAMESE_KIT_DATA_MIRROR");
        if (mirror != null) candidates.add(Paths.get(mirror, "orl_faces", "orl_faces.zip"));
        Path dir = Paths.get("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            candidates.add(dir.resolve("data/orl_faces/orl_faces.zip"));
            candidates.add(dir.resolve("../shared/datasets/orl_faces/orl_faces.zip").normalize());
        }
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        Assumptions.assumeTrue(false, "orl_faces.zip not found in " + candidates);
        return null;
    }

    /** The first {@code people} subjects (s1, s2, ...), all 10 images each, block-averaged by {@code factor}. */
    public static LabelledImages load(int people, int factor) throws IOException {
        int h = 112 / factor, w = 92 / factor;
        float[] pixels = new float[people * 10 * h * w];
        int[] labels = new int[people * 10];
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zip().toFile())) {
            int n = 0;
            for (int s = 1; s <= people; s++) {
                names.add("s" + s);
                for (int i = 1; i <= 10; i++) {
                    String name = "orl_faces/s" + s + "/" + i + ".pgm";
                    ZipEntry e = zip.getEntry(name);
                    if (e == null) throw new IOException("no " + name + " in " + zip.getName());
                    byte[] raw;
                    try (InputStream in = zip.getInputStream(e)) { raw = in.readAllBytes(); }
                    int[] gray = parseP5(raw, name);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            double sum = 0;
                            for (int dy = 0; dy < factor; dy++) for (int dx = 0; dx < factor; dx++) sum += gray[(y * factor + dy) * 92 + x * factor + dx];
                            pixels[(n * h + y) * w + x] = (float) (sum / (factor * factor) / 255.0);
                        }
                    }
                    labels[n++] = s - 1;
                }
            }
        }
        return new LabelledImages(Nd4j.createFromArray(pixels).reshape(people * 10, 1, h, w), labels, names);
    }

    private static int[] parseP5(byte[] raw, String name) throws IOException {
        int[] pos = {0};
        String magic = token(raw, pos);
        int w = Integer.parseInt(token(raw, pos)), h = Integer.parseInt(token(raw, pos)), max = Integer.parseInt(token(raw, pos));
        pos[0]++; // the single whitespace after maxval
        if (!magic.equals("P5") || w != 92 || h != 112 || max != 255) throw new IOException(name + ": expected P5 92x112 255, got " + magic + " " + w + "x" + h + " " + max);
        int[] g = new int[w * h];
        for (int i = 0; i < g.length; i++) g[i] = raw[pos[0] + i] & 0xff;
        return g;
    }

    private static String token(byte[] raw, int[] pos) {
        while (Character.isWhitespace(raw[pos[0]]) || raw[pos[0]] == '#') {
            if (raw[pos[0]] == '#') while (raw[pos[0]] != '\n') pos[0]++;
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(raw[pos[0]])) pos[0]++;
        return new String(raw, start, pos[0] - start, StandardCharsets.US_ASCII);
    }

    /** All genuine pairs (i < j within a class) plus as many random impostor pairs, seeded. */
    public static Pairs balancedPairs(LabelledImages images, long seed) {
        List<int[]> genuine = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (int j = i + 1; j < images.size(); j++) if (images.label(i) == images.label(j)) genuine.add(new int[] {i, j});
        }
        Random rng = new Random(seed);
        int n = genuine.size();
        int[] l = new int[2 * n], r = new int[2 * n];
        boolean[] g = new boolean[2 * n];
        for (int k = 0; k < n; k++) {
            l[k] = genuine.get(k)[0];
            r[k] = genuine.get(k)[1];
            g[k] = true;
            int a, b;
            do { a = rng.nextInt(images.size()); b = rng.nextInt(images.size()); } while (images.label(a) == images.label(b));
            l[n + k] = a;
            r[n + k] = b;
        }
        return new Pairs(images, l, r, g);
    }
}
