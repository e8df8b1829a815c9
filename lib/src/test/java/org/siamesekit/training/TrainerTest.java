package org.siamesekit.training;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.charts.LossChart;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.TrainingBatch;
import org.siamesekit.testdata.OrlTestData;
import org.siamesekit.testdata.SyntheticImages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.TANH;

class TrainerTest {
    static final EmbeddingNet PLAIN = EmbeddingNet.input(1, 8, 8).conv(3, 3, RELU).maxPool(2).flatten().dense(6, TANH);
    static final EmbeddingNet WITH_DROPOUT = EmbeddingNet.input(1, 8, 8).conv(3, 3, RELU).maxPool(2).dropout(0.3).flatten().dense(6, TANH);

    static final LabelledImages IMAGES = SyntheticImages.classes(4, 5, 8, 17);
    static final Pairs PAIRS = OrlTestData.balancedPairs(IMAGES, 3); // 40 genuine + 40 impostor

    /** A fixed sequence of batches, so two runs (or a run and its resumption) see the same data. */
    static Supplier<PairBatch> fixedPairs() {
        List<PairBatch> list = new ArrayList<>();
        Batches.shuffled(PAIRS, 16, new java.util.SplittableRandom(5)).forEach(list::add);
        int[] next = {0};
        return () -> list.get(next[0]++ % list.size());
    }

    static Supplier<TrainingBatch> fixedBatches() {
        Supplier<PairBatch> pairs = fixedPairs();
        return () -> pairs.get().toTrainingBatch();
    }

    static Trainer.Builder quiet() { return Trainer.builder().progress(false); }

    @Test
    void theRecordedLossIsTheLossOfTheBatchBeforeTheStep() {
        SiameseModel model = SiameseModel.contrastive(PLAIN, 1.0, 4);
        Supplier<PairBatch> batches = fixedPairs();
        List<Double> independent = new ArrayList<>();
        // The net has no dropout, so the inference-path loss on the batch, taken just before
        // the step, is exactly the loss that step's forward pass sees.
        Supplier<TrainingBatch> recording = () -> {
            PairBatch b = batches.get();
            independent.add(model.loss(b));
            return b.toTrainingBatch();
        };
        // prefetch off: the supplier runs the model, which it must not do on the input thread
        TrainingHistory h = quiet().iterations(4).validateEvery(1).prefetch(false).optimizer(Optimizer.sgd(0.1)).build().fit(model, recording);
        assertEquals(4, h.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(independent.get(i), h.rows().get(i).trainLoss(), 1e-6, "step " + i);
            assertTrue(h.rows().get(i).trainLoss() > 0);
            assertEquals(i + 1, h.rows().get(i).iteration());
        }
        assertNotEquals(independent.get(0), independent.get(3), "training changes the loss");
    }

    @Test
    void validationLossIsTheModelsLossOnTheValidationPairs() {
        SiameseModel model = SiameseModel.contrastive(WITH_DROPOUT, 1.0, 4);
        Pairs val = PAIRS.select(new int[] {0, 1, 2, 40, 41, 42, 43});
        // the metric runs right after validation, on the same weights: an independent computation of the same number
        TrainingHistory h = quiet().epochs(2).batchSize(16).validation(val).validationBatchSize(3)
                .metric("independent val loss", m -> m.loss(val, 7), false).build().fit(model, PAIRS);
        for (TrainingHistory.Row r : h.rows()) assertEquals(r.metric(), r.validationLoss(), 1e-6);
        assertEquals(2, h.last().epoch());
        assertEquals(2 * 5, h.last().iteration(), "80 pairs in batches of 16: 5 steps an epoch");
    }

    @Test
    void theSameSeedGivesTheSameLossesAndAnotherSeedDoesNot() {
        double[] a = run(11, 1), b = run(11, 1), c = run(11, 2);
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static double[] run(long modelSeed, long trainerSeed) {
        SiameseModel m = SiameseModel.contrastive(WITH_DROPOUT, 1.0, modelSeed);
        return quiet().epochs(2).batchSize(20).seed(trainerSeed).build().fit(m, PAIRS).trainLosses();
    }

    @Test
    void resumingFromASavedModelContinuesExactlyWhereItStopped(@TempDir Path dir) {
        Optimizer adam = Optimizer.adam(0.01);
        SiameseModel straight = SiameseModel.koch(PLAIN, 8);
        quiet().iterations(4).validateEvery(2).optimizer(adam).build().fit(straight, fixedBatches());

        SiameseModel first = SiameseModel.koch(PLAIN, 8);
        Supplier<TrainingBatch> batches = fixedBatches();
        quiet().iterations(2).validateEvery(2).optimizer(adam).build().fit(first, batches);
        Path file = dir.resolve("half.model");
        first.save(file);
        SiameseModel resumed = SiameseModel.load(file);
        assertEquals(2, resumed.trainingState().iteration());
        TrainingHistory h = quiet().iterations(2).validateEvery(2).optimizer(adam).build().fit(resumed, batches);

        assertEquals(2, h.size(), "the loaded history continues");
        assertEquals(4, h.last().iteration());
        assertArrayEquals(straight.trainingState().history().trainLosses(), h.trainLosses(), 1e-6);
        Map<String, INDArray> p = straight.parameters(), q = resumed.parameters();
        for (String name : p.keySet()) assertEquals(0, p.get(name).sub(q.get(name)).amaxNumber().doubleValue(), 1e-6, name);
    }

    @Test
    void earlyStoppingStopsAfterPatienceRoundsAndTheBestWeightsComeBack(@TempDir Path dir) {
        SiameseModel model = SiameseModel.contrastive(PLAIN, 1.0, 2);
        double[] script = {0.2, 0.9, 0.5, 0.4, 0.95, 0.1};
        List<Map<String, INDArray>> weightsAtRound = new ArrayList<>();
        int[] round = {0};
        Path checkpoint = dir.resolve("best.model");
        TrainingHistory h = quiet().iterations(6).validateEvery(1).optimizer(Optimizer.sgd(0.05))
                .metric("scripted", m -> {
                    weightsAtRound.add(m.copyParameters());
                    return script[round[0]++];
                })
                .earlyStopping(2).checkpoint(checkpoint).build().fit(model, fixedBatches());
        assertEquals(4, h.size(), "0.9 at round 2, no better in rounds 3 and 4: stop");
        Map<String, INDArray> best = weightsAtRound.get(1);
        model.parameters().forEach((k, v) -> assertEquals(best.get(k), v, "restored " + k));
        SiameseModel saved = SiameseModel.load(checkpoint);
        saved.parameters().forEach((k, v) -> assertEquals(best.get(k), v, "checkpointed " + k));
    }

    @Test
    void l2AddsLambdaTimesTheWeightToTheGradient() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).flatten().dense(5, TANH).l2(0.3);
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 6);
        PairBatch batch = fixedPairs().get();
        Map<String, INDArray> before = model.copyParameters();
        Map<String, INDArray> grads = model.lossAndGradients(model.feed(batch)).gradients();
        quiet().iterations(1).optimizer(Optimizer.sgd(0.5)).build().fit(model, batch::toTrainingBatch);
        INDArray w = before.get("layer2_dense_W");
        INDArray expected = w.sub(grads.get("layer2_dense_W").add(w.mul(0.3)).mul(0.5));
        assertEquals(0, expected.sub(model.parameters().get("layer2_dense_W")).amaxNumber().doubleValue(), 1e-5);
        INDArray b = before.get("layer2_dense_b");
        assertEquals(0, b.sub(grads.get("layer2_dense_b").mul(0.5)).sub(model.parameters().get("layer2_dense_b")).amaxNumber().doubleValue(), 1e-5,
                "biases are not regularised");
    }

    @Test
    void buildingAndTrainingPrintNoSameDiffDifferentiationTrace() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SiameseModel m = SiameseModel.koch(WITH_DROPOUT, 1);
            quiet().iterations(1).build().fit(m, fixedBatches());
            System.out.println("a line of our own");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("Added differentiated op"), out);
        assertTrue(out.contains("a line of our own"));
    }

    @Test
    void consoleProgressPrintsOneLinePerEpoch() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Trainer.builder().epochs(2).batchSize(40).validation(PAIRS).build().fit(SiameseModel.contrastive(PLAIN, 1, 1), PAIRS);
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("epoch 1/2  train loss ") && lines.get(1).contains("val loss"), lines.get(1));
    }

    @Test
    void misconfigurationsAreRefusedWithAReason() {
        assertThrows(IllegalStateException.class, () -> Trainer.builder().build());
        assertThrows(IllegalStateException.class, () -> Trainer.builder().epochs(1).iterations(5).build());
        SiameseModel m = SiameseModel.contrastive(PLAIN, 1, 1);
        Trainer byIterations = quiet().iterations(2).build();
        assertThrows(IllegalStateException.class, () -> byIterations.fit(m, PAIRS));
        assertThrows(IllegalStateException.class, () -> quiet().epochs(1).earlyStopping(2).build().fit(m, PAIRS));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> quiet().epochs(1).build().fit(SiameseModel.contrastive(EmbeddingNet.input(1, 9, 9).flatten().dense(2, TANH), 1, 1), PAIRS));
        assertTrue(e.getMessage().contains("8×8"), e.getMessage());
    }

    @Test
    void optimizerSpecsRoundTrip() {
        for (Optimizer o : new Optimizer[] {Optimizer.adam(1e-3), Optimizer.rmsProp(5e-4), Optimizer.sgd(0.1),
                Optimizer.nesterov(0.01, 0.9).decayPerEpoch(0.99), Optimizer.adam(6e-5).decayPerIteration(0.99999)}) {
            assertEquals(o, Optimizer.parse(o.spec()), o.spec());
        }
        assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("adamw(0.1)"));
    }

    @Test
    void historyCsvRoundTripsIncludingMissingValues() {
        TrainingHistory h = new TrainingHistory("20-way accuracy");
        h.add(new TrainingHistory.Row(1, 10, 0.5, Double.NaN, 0.25, 1.5));
        h.add(new TrainingHistory.Row(2, 20, 0.4, 0.45, Double.NaN, 1.25));
        TrainingHistory back = TrainingHistory.fromCsv(h.toCsv(), "test");
        assertEquals(h.rows(), back.rows());
        assertEquals("20-way accuracy", back.metricName());
        assertEquals(List.of("epoch", "iteration", "train loss", "val loss", "20-way accuracy", "seconds"), back.table().columnNames());
        assertEquals(1, back.table().doubleColumn("val loss").countMissing());
        assertTrue(LossChart.of(h).getSeriesMap().containsKey("validation"));
    }

    @Test
    void saveRefusesToReplaceAFileUnlessAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.model");
        Files.writeString(file, "not a model");
        SiameseModel m = SiameseModel.contrastive(PLAIN, 1, 1);
        assertThrows(java.io.UncheckedIOException.class, () -> m.save(file));
        assertEquals("not a model", Files.readString(file));
        Exception e = assertThrows(RuntimeException.class, () -> SiameseModel.load(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        m.save(file, true);
        assertEquals(m.parameters(), SiameseModel.load(file).parameters());
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temporary file left behind"); }
    }
}
