package org.siamesekit.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.backend.Backend;
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
 *     {@code history.csv}.</li>
 * </ul>
 * Written to a temporary file beside the target and then renamed over it.
 */
final class ModelFiles {
    static final String FORMAT = "siamese-kit-model/1";

    private ModelFiles() {}

    static void save(SiameseModel model, Path file, boolean replace) {
        SafeFiles.write(file, replace, "the model", "call save(path, true) to replace it", out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) { // closing it also ends its native Deflater
                Properties p = new Properties();
                p.setProperty("format", FORMAT);
                p.setProperty("net", model.net().spec());
                p.setProperty("head", model.head().spec());
                p.setProperty("seed", Long.toString(model.seed()));
                p.setProperty("parameters", String.join(",", model.parameterNames()));
                p.setProperty("saved.backend", Backend.describe());
                putProperties(zip, "model.properties", p, "Siamese kit model");
                for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
                    putArray(zip, "params/" + e.getKey() + ".npy", e.getValue());
                }
                TrainingState st = model.trainingState();
                if (st != null) {
                    Properties t = new Properties();
                    t.setProperty("optimizer", st.optimizer().spec());
                    t.setProperty("iteration", Long.toString(st.iteration()));
                    t.setProperty("epoch", Integer.toString(st.epoch()));
                    putProperties(zip, "training.properties", t, "training state");
                    for (Map.Entry<String, INDArray> e : st.updaterState().entrySet()) {
                        putArray(zip, "updater/" + e.getKey() + ".npy", e.getValue());
                    }
                    put(zip, "history.csv", st.history().toCsv().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    static SiameseModel load(Path file) {
        Path source = file.toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new UncheckedIOException(new NoSuchFileException(source.toString(), null, "no saved model there"));
        }
        try (ZipFile zip = new ZipFile(source.toFile())) {
            Properties p = readProperties(zip, "model.properties", source);
            if (!FORMAT.equals(p.getProperty("format"))) {
                throw new IllegalArgumentException(source + ": not a saved Siamese kit model (format " + p.getProperty("format") + ", expected " + FORMAT + ")");
            }
            SiameseModel model = SiameseModel.create(EmbeddingNet.parse(required(p, "net", source)),
                    Head.parse(required(p, "head", source)), Long.parseLong(required(p, "seed", source)));
            String stored = required(p, "parameters", source);
            if (!Arrays.asList(stored.split(",")).equals(model.parameterNames())) {
                throw new IllegalArgumentException(source + ": its parameters " + stored + " do not match the architecture's " + model.parameterNames());
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (String name : model.parameterNames()) params.put(name, readArray(zip, "params/" + name + ".npy", source));
            try {
                model.setParameters(params);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
            if (zip.getEntry("training.properties") != null) {
                Properties t = readProperties(zip, "training.properties", source);
                Optimizer opt = Optimizer.parse(required(t, "optimizer", source));
                Map<String, INDArray> state = new LinkedHashMap<>();
                for (String name : model.parameterNames()) {
                    if (zip.getEntry("updater/" + name + ".npy") != null) state.put(name, readArray(zip, "updater/" + name + ".npy", source));
                }
                ZipEntry h = zip.getEntry("history.csv");
                String csv = h == null ? "" : new String(zip.getInputStream(h).readAllBytes(), StandardCharsets.UTF_8);
                model.setTrainingState(new TrainingState(opt, model.parameters(), state.isEmpty() ? null : state,
                        Long.parseLong(required(t, "iteration", source)), Integer.parseInt(required(t, "epoch", source)),
                        TrainingHistory.fromCsv(csv, source + "!history.csv")));
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model file " + source + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path source) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException(source + ": missing entry \"" + key + "\"");
        return v;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static void putProperties(ZipOutputStream zip, String name, Properties p, String comment) throws IOException {
        StringWriter w = new StringWriter();
        p.store(w, comment);
        put(zip, name, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray a) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Nd4j.writeAsNumpy(a.dup('c'), buf);
        put(zip, name, buf.toByteArray());
    }

    private static Properties readProperties(ZipFile zip, String name, Path source) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IllegalArgumentException(source + ": no " + name + " inside; not a saved Siamese kit model");
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(e)) {
            p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return p;
    }

    private static INDArray readArray(ZipFile zip, String name, Path source) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IllegalArgumentException(source + ": missing " + name);
        try (InputStream in = zip.getInputStream(e)) {
            return Nd4j.createNpyFromByteArray(in.readAllBytes()).dup();
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(source + ": " + name + " is not a readable .npy array: " + ex.getMessage(), ex);
        }
    }
}
