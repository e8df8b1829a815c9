package org.siamesekit.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.evaluation.Embeddings;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.files.SafeFiles;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.readers.MalformedFileException;

/**
 * A face gallery: one embedding per enrolled person, computed once from a
 * single photo by a trained embedding net. Recognising a probe photo means
 * embedding it and ranking the gallery by Euclidean distance, so adding a
 * person is {@link #enrol} — no training step.
 *
 * <p>Open set: a probe whose nearest entry is farther than a threshold is
 * rejected as a stranger ({@link #decide}). Choose that threshold on people
 * the test never uses (see {@link #openSetScores}).
 *
 * <p>File format ({@link #save}, {@link #load}), UTF-8 text:
 * <pre>
 * siamese-kit-gallery v1
 * embedding-size 50
 * image-size 56 46
 * model 0123456789abcdef
 * entries 2
 * s1&lt;TAB&gt;0.125 0.0 ... (embedding-size numbers)
 * s7&lt;TAB&gt;...
 * </pre>
 * "model" is the {@link #fingerprint(SiameseModel) fingerprint} of the weights
 * that computed the embeddings: embeddings from other weights are not
 * comparable, so loading checks it.
 */
public final class FaceGallery {
    /** First word of a gallery file. */
    public static final String MAGIC = "siamese-kit-gallery";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private final Function<INDArray, INDArray> embedder;
    private final int height, width, embeddingSize;
    private final String fingerprint;
    private final Map<String, float[]> entries = new LinkedHashMap<>();

    /**
     * An empty gallery whose embeddings come from {@code embedder} (images
     * [n, 1, height, width] to [n, embeddingSize]); {@code fingerprint} names
     * that embedder in saved files (e.g. {@link #fingerprint(SiameseModel)}).
     */
    public FaceGallery(Function<INDArray, INDArray> embedder, int height, int width, int embeddingSize, String fingerprint) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (height < 1 || width < 1 || embeddingSize < 1) {
            throw new IllegalArgumentException("height, width and embedding size must be positive, got " + height + ", " + width + ", " + embeddingSize);
        }
        if (fingerprint == null || fingerprint.isBlank() || fingerprint.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the fingerprint must be a non-empty word without spaces, got '" + fingerprint + "'");
        }
        this.height = height;
        this.width = width;
        this.embeddingSize = embeddingSize;
        this.fingerprint = fingerprint;
    }

    /** An empty gallery embedding with {@code model} (its input size, embedding size and fingerprint). */
    public static FaceGallery forModel(SiameseModel model) {
        var in = model.net().inputShape();
        if (in.channels() != 1) throw new IllegalArgumentException("a face gallery takes grey images; the model takes " + in.channels() + " channels");
        return new FaceGallery(model::embed, (int) in.height(), (int) in.width(), model.embeddingSize(), fingerprint(model));
    }

    /**
     * The first 16 hex digits of SHA-256 over the model's architecture and
     * weights: equal fingerprints mean the same embeddings.
     */
    public static String fingerprint(SiameseModel model) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((model.net().spec() + "\n" + model.head().spec() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, INDArray> p : model.parameters().entrySet()) {
                sha.update((p.getKey() + Arrays.toString(p.getValue().shape()) + "\n").getBytes(StandardCharsets.UTF_8));
                float[] v = p.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    // ---------------------------------------------------------------- enrolment

    /**
     * Enrols {@code name} from one photo ([h, w], [1, h, w] or [1, 1, h, w],
     * pixel values as the model was trained on). A name can be enrolled once;
     * {@link #remove} it first to replace the photo.
     */
    public void enrol(String name, INDArray image) {
        checkName(name);
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already enrolled; remove(\"" + name + "\") first to enrol a new photo");
        }
        INDArray x = asBatch("the image of '" + name + "'", image);
        if (x.size(0) != 1) throw new IllegalArgumentException("enrol takes one photo of '" + name + "', got " + x.size(0));
        entries.put(name, embed(x).toFloatVector());
    }

    /** Removes an enrolled person; false if the name was not enrolled. */
    public boolean remove(String name) { return entries.remove(name) != null; }

    public boolean contains(String name) { return entries.containsKey(name); }

    public int size() { return entries.size(); }

    /** Enrolled names in enrolment order. */
    public List<String> names() { return List.copyOf(entries.keySet()); }

    /** The stored embeddings, one row per name in {@link #names()} order: [size, embeddingSize]. */
    public INDArray embeddings() {
        float[][] rows = entries.values().toArray(float[][]::new);
        return rows.length == 0 ? Nd4j.create(DataType.FLOAT, 0, embeddingSize) : Nd4j.create(rows);
    }

    public int height() { return height; }
    public int width() { return width; }
    public int embeddingSize() { return embeddingSize; }
    public String fingerprint() { return fingerprint; }

    // ---------------------------------------------------------------- recognition

    /** The {@code k} nearest enrolled people to one probe photo, nearest first (fewer if fewer are enrolled). */
    public List<Match> identify(INDArray probe, int k) {
        INDArray x = asBatch("the probe", probe);
        if (x.size(0) != 1) throw new IllegalArgumentException("identify takes one probe photo, got " + x.size(0) + "; use identifyAll");
        return identifyAll(x, k).get(0);
    }

    /** {@link #identify} for every probe in [n, 1, h, w], embedded in one pass. */
    public List<List<Match>> identifyAll(INDArray probes, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        double[][] d = distances(probes);
        List<String> names = names();
        List<List<Match>> out = new ArrayList<>(d.length);
        for (double[] row : d) {
            Integer[] order = new Integer[row.length];
            for (int j = 0; j < order.length; j++) order[j] = j;
            Arrays.sort(order, (a, b) -> Double.compare(row[a], row[b])); // stable: ties keep enrolment order
            List<Match> ranked = new ArrayList<>();
            for (int r = 0; r < Math.min(k, order.length); r++) ranked.add(new Match(r + 1, names.get(order[r]), row[order[r]]));
            out.add(Collections.unmodifiableList(ranked));
        }
        return Collections.unmodifiableList(out);
    }

    /** Open-set decision for one probe: accepted as the nearest person when their distance is &lt;= threshold. */
    public Decision decide(INDArray probe, double threshold) {
        Match m = identify(probe, 1).get(0);
        return new Decision(m, threshold, m.distance() <= threshold);
    }

    /** {@link #decide} for every probe in [n, 1, h, w]. */
    public List<Decision> decideAll(INDArray probes, double threshold) {
        List<Decision> out = new ArrayList<>();
        for (List<Match> m : identifyAll(probes, 1)) out.add(new Decision(m.get(0), threshold, m.get(0).distance() <= threshold));
        return out;
    }

    /** One-to-one check: is the probe close enough (&lt;= threshold) to the enrolled photo of {@code name}? */
    public boolean verify(String name, INDArray probe, double threshold) {
        float[] e = entries.get(name);
        if (e == null) throw new IllegalArgumentException("'" + name + "' is not enrolled; enrolled: " + names());
        INDArray p = embed(asBatch("the probe", probe));
        if (p.size(0) != 1) throw new IllegalArgumentException("verify takes one probe photo, got " + p.size(0));
        return Embeddings.distances(p, Nd4j.create(new float[][] {e})).getDouble(0, 0) <= threshold;
    }

    /**
     * Share of probes whose true name is among their first {@code k} matches
     * (top-k identification accuracy).
     */
    public static double topKAccuracy(List<List<Match>> ranked, List<String> truth, int k) {
        if (ranked.size() != truth.size()) throw new IllegalArgumentException(ranked.size() + " rankings but " + truth.size() + " true names");
        if (ranked.isEmpty()) throw new IllegalArgumentException("no probes");
        int hits = 0;
        for (int i = 0; i < ranked.size(); i++) {
            List<Match> r = ranked.get(i);
            for (int j = 0; j < Math.min(k, r.size()); j++) {
                if (r.get(j).name().equals(truth.get(i))) { hits++; break; }
            }
        }
        return (double) hits / ranked.size();
    }

    /**
     * Scores for choosing and checking an open-set threshold, as
     * {@link ScoredPairs} (score = distance to the nearest enrolled person):
     * <ul>
     * <li>a probe of an enrolled person gives a <em>genuine</em> score, its
     *     distance to the nearest entry of the whole gallery, and an
     *     <em>impostor</em> score, its distance to the nearest entry once its
     *     own person is left out — the same photo as if they were a stranger;</li>
     * <li>a probe of someone not enrolled gives an impostor score only.</li>
     * </ul>
     * So the false reject rate at t is the share of enrolled people's probes
     * farther than t from everyone, and the false accept rate the share of
     * strangers' probes within t of someone. (Whether an accepted probe got the
     * right name is {@link #topKAccuracy}'s question.)
     */
    public ScoredPairs openSetScores(INDArray probes, List<String> truth) {
        double[][] d = distances(probes);
        if (d.length != truth.size()) throw new IllegalArgumentException(d.length + " probes but " + truth.size() + " true names");
        List<String> names = names();
        List<Double> scores = new ArrayList<>();
        List<Boolean> genuine = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            double all = Double.POSITIVE_INFINITY, others = Double.POSITIVE_INFINITY;
            for (int j = 0; j < names.size(); j++) {
                all = Math.min(all, d[i][j]);
                if (!names.get(j).equals(truth.get(i))) others = Math.min(others, d[i][j]);
            }
            if (contains(truth.get(i))) { scores.add(all); genuine.add(true); }
            if (others < Double.POSITIVE_INFINITY) { scores.add(others); genuine.add(false); }
        }
        double[] s = new double[scores.size()];
        boolean[] g = new boolean[s.length];
        for (int i = 0; i < s.length; i++) { s[i] = scores.get(i); g[i] = genuine.get(i); }
        return new ScoredPairs(s, g);
    }

    private double[][] distances(INDArray probes) {
        if (entries.isEmpty()) throw new IllegalStateException("the gallery is empty: enrol someone first");
        INDArray p = embed(asBatch("the probes", probes));
        return Embeddings.distances(p, embeddings()).toDoubleMatrix();
    }

    private INDArray embed(INDArray images) {
        INDArray e = embedder.apply(images);
        if (e.rank() != 2 || e.size(0) != images.size(0) || e.size(1) != embeddingSize) {
            throw new IllegalStateException("the embedder returned shape " + Arrays.toString(e.shape()) + " for " + images.size(0)
                    + " images; this gallery holds embeddings of size " + embeddingSize);
        }
        return e.castTo(DataType.FLOAT);
    }

    /** The image(s) as FLOAT [n, 1, h, w], or a message naming the expected and actual size. */
    private INDArray asBatch(String what, INDArray image) {
        Objects.requireNonNull(image, what);
        long[] s = image.shape();
        INDArray x = switch (image.rank()) {
            case 2 -> image.reshape(1, 1, s[0], s[1]);
            case 3 -> s[0] == 1 ? image.reshape(1, 1, s[1], s[2]) : null;
            case 4 -> s[1] == 1 ? image : null;
            default -> null;
        };
        if (x == null) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(s) + "; expected one grey image [" + height + ", "
                    + width + "], [1, " + height + ", " + width + "] or a batch [n, 1, " + height + ", " + width + "]");
        }
        if (x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is %d×%d (height×width) but this gallery takes %d×%d images",
                    what, x.size(2), x.size(3), height, width));
        }
        return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a name must not be empty");
        if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a name must not contain tabs or line breaks: '" + name.replace("\t", "\\t").replace("\n", "\\n") + "'");
        }
        if (!name.equals(name.strip())) throw new IllegalArgumentException("a name must not start or end with spaces: '" + name + "'");
    }

    // ---------------------------------------------------------------- files

    /** Saves to {@code file}; refuses to replace an existing file (see {@link #save(Path, boolean)}). */
    public Path save(Path file) { return save(file, false); }

    /**
     * Writes the gallery to a temporary file beside {@code file} and renames it
     * into place, so an interrupted save never leaves half a gallery under the
     * real name. With {@code replace} false an existing file is an error.
     * Returns the absolute path written.
     */
    public Path save(Path file, boolean replace) {
        return SafeFiles.writeText(file, replace, "the gallery", "call save(path, true) to replace it", w -> {
            w.write(MAGIC + " v" + VERSION + "\n");
            w.write("embedding-size " + embeddingSize + "\n");
            w.write("image-size " + height + " " + width + "\n");
            w.write("model " + fingerprint + "\n");
            w.write("entries " + entries.size() + "\n");
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, float[]> e : entries.entrySet()) {
                line.setLength(0);
                line.append(e.getKey()).append('\t');
                float[] v = e.getValue();
                for (int i = 0; i < v.length; i++) line.append(i == 0 ? "" : " ").append(v[i]); // Float.toString round-trips exactly
                w.write(line.append('\n').toString());
            }
        });
    }

    /** Loads a gallery saved with embeddings from {@code model}; its fingerprint, input and embedding size must match. */
    public static FaceGallery load(Path file, SiameseModel model) {
        return load(file, forModel(model));
    }

    /**
     * Loads a gallery file into a new gallery with {@code template}'s embedder,
     * sizes and fingerprint (its entries, if any, are ignored); the file's
     * header must match them.
     *
     * @throws MalformedFileException naming the file when it is not a gallery, has another version, is truncated or
     *         was made by another model or for other sizes
     */
    public static FaceGallery load(Path file, FaceGallery template) {
        Path source = file.toAbsolutePath();
        String where = source.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new NoSuchFileException(where, null, "no gallery file there"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the gallery " + where + ": " + e.getMessage(), e);
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (!first.startsWith(MAGIC + " v")) {
            throw new MalformedFileException(where, "not a Siamese kit gallery (the first line should be '" + MAGIC + " v" + VERSION
                    + "', found '" + abbreviate(first) + "')");
        }
        String version = first.substring((MAGIC + " v").length()).trim();
        if (!version.equals(Integer.toString(VERSION))) {
            throw new MalformedFileException(where, "gallery format version " + abbreviate(version) + " is not supported; this kit reads version " + VERSION);
        }
        int d = headerInt(lines, 1, "embedding-size", 1, where)[0];
        int[] hw = headerInt(lines, 2, "image-size", 2, where);
        String model = headerWords(lines, 3, "model", 1, where)[0];
        int n = headerInt(lines, 4, "entries", 1, where)[0];
        if (d != template.embeddingSize || hw[0] != template.height || hw[1] != template.width) {
            throw new MalformedFileException(where, String.format(Locale.ROOT,
                    "holds embeddings of size %d for %d×%d images, but this gallery's model gives size %d for %d×%d images",
                    d, hw[0], hw[1], template.embeddingSize, template.height, template.width));
        }
        if (!model.equals(template.fingerprint)) {
            throw new MalformedFileException(where, "was enrolled with model " + model + " but this model is " + template.fingerprint
                    + "; embeddings from different weights cannot be compared, so enrol the people again");
        }
        if (lines.size() < 5 + n) {
            throw new MalformedFileException(where, "truncated: the header announces " + n + " entries but the file holds " + Math.max(0, lines.size() - 5));
        }
        if (lines.size() > 5 + n && lines.subList(5 + n, lines.size()).stream().anyMatch(l -> !l.isBlank())) {
            throw new MalformedFileException(where, "has more than the " + n + " entries its header announces (line " + (6 + n) + ")");
        }
        FaceGallery g = new FaceGallery(template.embedder, template.height, template.width, template.embeddingSize, template.fingerprint);
        for (int i = 0; i < n; i++) {
            int lineNo = 6 + i;
            String line = lines.get(5 + i);
            int tab = line.indexOf('\t');
            if (tab <= 0) throw new MalformedFileException(where, "line " + lineNo + ": expected a name, a tab and " + d + " numbers");
            String name = line.substring(0, tab);
            String[] parts = line.substring(tab + 1).trim().split(" +");
            if (parts.length != d || parts[0].isEmpty()) {
                throw new MalformedFileException(where, "line " + lineNo + ": '" + abbreviate(name) + "' has " + (parts[0].isEmpty() ? 0 : parts.length)
                        + " numbers, expected " + d + " (truncated or damaged file?)");
            }
            float[] v = new float[d];
            for (int k = 0; k < d; k++) {
                try {
                    v[k] = Float.parseFloat(parts[k]);
                } catch (NumberFormatException e) {
                    throw new MalformedFileException(where, "line " + lineNo + ": '" + abbreviate(parts[k]) + "' is not a number");
                }
                if (!Float.isFinite(v[k])) throw new MalformedFileException(where, "line " + lineNo + ": " + parts[k] + " is not a finite number");
            }
            try {
                checkName(name);
            } catch (IllegalArgumentException e) {
                throw new MalformedFileException(where, "line " + lineNo + ": " + e.getMessage());
            }
            if (g.entries.putIfAbsent(name, v) != null) throw new MalformedFileException(where, "line " + lineNo + ": '" + name + "' is enrolled twice");
        }
        return g;
    }

    private static String[] headerWords(List<String> lines, int index, String key, int count, String where) {
        String line = index < lines.size() ? lines.get(index) : null;
        if (line == null) throw new MalformedFileException(where, "truncated: the header ends before '" + key + "' (line " + (index + 1) + ")");
        String[] w = line.trim().split(" +");
        if (!w[0].equals(key) || w.length != count + 1) {
            throw new MalformedFileException(where, "line " + (index + 1) + " should be '" + key + "' and " + count + " value(s), found '" + abbreviate(line) + "'");
        }
        return Arrays.copyOfRange(w, 1, w.length);
    }

    private static int[] headerInt(List<String> lines, int index, String key, int count, String where) {
        String[] w = headerWords(lines, index, key, count, where);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Integer.parseInt(w[i]);
            } catch (NumberFormatException e) {
                out[i] = -1;
            }
            if (out[i] < 0 || (out[i] == 0 && !key.equals("entries"))) {
                throw new MalformedFileException(where, "line " + (index + 1) + ": '" + key + "' needs whole positive numbers, found '" + abbreviate(w[i]) + "'");
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        return "FaceGallery[" + size() + " enrolled, " + height + "×" + width + " images, embeddings of size " + embeddingSize
                + ", model " + fingerprint + "]";
    }
}
