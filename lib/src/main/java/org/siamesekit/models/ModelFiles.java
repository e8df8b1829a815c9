package org.siamesekit.models;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.backend.Backend;
import org.siamesekit.files.PartFiles;
import org.siamesekit.files.SafeFiles;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.optim.TrainingState;

/**
 * The saved-model format: a zip holding
 * <ul>
 * <li>{@code model.properties}: format version, the net and head specs (the
 *     builder calls that recreate the architecture), seed, parameter names;</li>
 * <li>{@code params/NAME.npy}: each parameter as a NumPy array (readable with numpy.load);</li>
 * <li>when the model has been trained: {@code training.properties} (optimizer,
 *     step and epoch counters), {@code updater/NAME.npy} (updater state) and
 *     {@code history.csv};</li>
 * <li>{@code SHA256SUMS}: the SHA-256 of every other entry (see {@link ModelArchive}).</li>
 * </ul>
 * Written to a temporary file beside the target and then renamed over it.
 */
final class ModelFiles {
    static final String FORMAT = "siamese-kit-model/1";

    private ModelFiles() {}

    static void save(SiameseModel model, Path file, boolean replace) {
        SafeFiles.write(file, replace, "the model", "call save(path, true) to replace it", out -> {
            try (ModelArchive.Writer zip = new ModelArchive.Writer(out)) {
                Properties p = new Properties();
                p.setProperty("format", FORMAT);
                p.setProperty("net", model.net().spec());
                p.setProperty("head", model.head().spec());
                p.setProperty("seed", Long.toString(model.seed()));
                p.setProperty("parameters", String.join(",", model.parameterNames()));
                p.setProperty("saved.backend", Backend.describe());
                p.setProperty(ModelArchive.INTEGRITY_KEY, ModelArchive.INTEGRITY);
                zip.putProperties("model.properties", p, "Siamese kit model");
                for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
                    zip.putArray("params/" + e.getKey() + ".npy", e.getValue());
                }
                TrainingState st = model.trainingState();
                if (st != null) {
                    Properties t = new Properties();
                    t.setProperty("optimizer", st.optimizer().spec());
                    t.setProperty("iteration", Long.toString(st.iteration()));
                    t.setProperty("epoch", Integer.toString(st.epoch()));
                    zip.putProperties("training.properties", t, "training state");
                    for (Map.Entry<String, INDArray> e : st.updaterState().entrySet()) {
                        zip.putArray("updater/" + e.getKey() + ".npy", e.getValue());
                    }
                    zip.put("history.csv", st.history().toCsv().getBytes(StandardCharsets.UTF_8));
                }
                zip.finish();
            }
        });
    }

    /**
     * Loads a model. Every entry is checked (CRC-32, SHA-256 manifest, .npy header
     * and length) before ND4J sees it; every error names the file and the entry.
     */
    static SiameseModel load(Path file) {
        Path source = file.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new UncheckedIOException(new NoSuchFileException(source.toString(), null, "no saved model there"));
        }
        PartFiles.sweepAndReport(source.getParent(), System.out); // leftovers of saves killed earlier
        try (ModelArchive zip = ModelArchive.open(source)) {
            Properties p = zip.properties("model.properties");
            String m = "model.properties";
            if (!FORMAT.equals(p.getProperty("format"))) {
                throw new ModelFileException(source, m, "not a saved Siamese kit model (format " + p.getProperty("format")
                        + ", expected " + FORMAT + ")", null);
            }
            EmbeddingNet net = parse(zip, m, "net", p, EmbeddingNet::parse);
            Head head = parse(zip, m, "head", p, Head::parse);
            long seed = parse(zip, m, "seed", p, Long::parseLong);
            SiameseModel model = parse(zip, m, null, p, x -> SiameseModel.create(net, head, seed));
            String stored = required(zip, m, p, "parameters");
            if (!Arrays.asList(stored.split(",")).equals(model.parameterNames())) {
                throw new ModelFileException(source, m, "its parameters " + stored + " do not match the architecture's "
                        + model.parameterNames(), null);
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (String name : model.parameterNames()) params.put(name, zip.array("params/" + name + ".npy"));
            try {
                model.setParameters(params);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(source, "params/", e.getMessage(), e);
            }
            if (zip.has("training.properties")) {
                String tp = "training.properties";
                Properties t = zip.properties(tp);
                Optimizer opt = parse(zip, tp, "optimizer", t, Optimizer::parse);
                Map<String, INDArray> state = new LinkedHashMap<>();
                for (String name : model.parameterNames()) {
                    if (zip.has("updater/" + name + ".npy")) state.put(name, zip.array("updater/" + name + ".npy"));
                }
                String csv = zip.has("history.csv") ? zip.text("history.csv") : "";
                TrainingHistory history = parse(zip, "history.csv", null, null, x -> TrainingHistory.fromCsv(csv, source + "!history.csv"));
                try {
                    model.setTrainingState(new TrainingState(opt, model.parameters(), state.isEmpty() ? null : state,
                            parse(zip, tp, "iteration", t, Long::parseLong), parse(zip, tp, "epoch", t, Integer::parseInt), history));
                } catch (IllegalArgumentException e) {
                    if (e instanceof ModelFileException) throw e;
                    throw new ModelFileException(source, "updater/", e.getMessage(), e);
                }
            }
            return model;
        }
    }

    /** A value of a properties entry, parsed; an unparsable one is reported with the file, entry and key. */
    private static <T> T parse(ModelArchive zip, String entry, String key, Properties p, java.util.function.Function<String, T> parser) {
        String v = key == null ? null : required(zip, entry, p, key);
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            if (e instanceof ModelFileException m) throw m;
            throw new ModelFileException(zip.file(), entry, (key == null ? "" : "\"" + key + "\" = \"" + v + "\": ")
                    + "cannot be read (" + e + ")", e);
        }
    }

    private static String required(ModelArchive zip, String entry, Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new ModelFileException(zip.file(), entry, "missing key \"" + key + "\"", null);
        return v;
    }
}
