package org.siamesekit.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.siamesekit.augment.AffineDistortion;
import org.siamesekit.data.DataManager;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.data.Omniglot;
import org.siamesekit.evaluation.NWayEvaluator;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.Splits;
import org.siamesekit.pairs.TrainingBatch;
import org.siamesekit.tasks.NWayTasks;
import org.siamesekit.training.Trainer;

import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.SIGMOID;

/**
 * One Omniglot training recipe for the CPU configuration of notebook 03, and its
 * score: the same data split, validation and test tasks as the notebook (seed
 * 42: 6 held-out background alphabets for validation and checkpoint choice, 20-way
 * accuracy on 400 trials from the evaluation alphabets), with the recipe's parts
 * switched by arguments, so that each change can be measured on its own. Appends
 * a line to build/bench/omniglot.txt. Run by {@code bench/omniglot.sh}.
 *
 * <p>Arguments, key=value: batches=all|pairs (all pairs among classes × images,
 * or separate half-genuine pairs), pairs=128 (separate pairs per batch),
 * classes=32, images=4, rotations=false, distort=false, net=compact|compact16
 * (Presets.kochCompact, or its earlier 16/32/32-filter version), iterations=8000,
 * every=1000 (validation), lr=1e-3 (Adam, decaying to a tenth by the end),
 * downsample=3, workers=1 (data-parallel workers; all-pairs batches are not split).
 */
public final class OmniglotRecipe {
    private static final Set<String> KEYS = Set.of("batches", "pairs", "classes", "images", "rotations", "distort", "net",
            "iterations", "every", "lr", "downsample", "workers");

    public static void main(String[] args) throws IOException {
        Map<String, String> o = RecipeArgs.parse(args, KEYS);
        long seed = 42;
        int down = Integer.parseInt(o.getOrDefault("downsample", "3"));
        long iterations = Long.parseLong(o.getOrDefault("iterations", "8000"));
        double lr = Double.parseDouble(o.getOrDefault("lr", "1e-3"));
        boolean distort = Boolean.parseBoolean(o.getOrDefault("distort", "false"));

        DataManager dm = DataManager.standard();
        LabelledImages background = Omniglot.background(dm, down), evaluation = Omniglot.evaluation(dm, down);
        Splits.GroupSplit split = Splits.byGroup(background, 6, seed);
        LabelledImages training = split.kept(), validation = split.heldOut();
        int side = background.height();
        EmbeddingNet net = switch (o.getOrDefault("net", "compact")) {
            case "compact" -> Presets.kochCompact(side);
            case "compact16" -> EmbeddingNet.input(1, side, side).conv(16, 5, RELU).l2(2e-4).maxPool(2)
                    .conv(32, 3, RELU).l2(2e-4).maxPool(2).conv(32, 3, RELU).l2(2e-4).flatten().dense(128, SIGMOID).l2(1e-3);
            default -> throw new IllegalArgumentException("net must be compact or compact16");
        };
        var distortion = distort ? AffineDistortion.koch(seed + 2) : null;
        Supplier<TrainingBatch> batches = switch (o.getOrDefault("batches", "all")) {
            case "all" -> Batches.allPairs(training, seed + 3).classes(Integer.parseInt(o.getOrDefault("classes", "32")))
                    .imagesPerClass(Integer.parseInt(o.getOrDefault("images", "4")))
                    .rotations(Boolean.parseBoolean(o.getOrDefault("rotations", "false"))).distortion(distortion);
            case "pairs" -> Batches.halfGenuine(training, Integer.parseInt(o.getOrDefault("pairs", "128")), seed + 3)
                    .distortion(distortion);
            default -> throw new IllegalArgumentException("batches must be all or pairs");
        };
        SiameseModel model = SiameseModel.koch(net, seed);
        NWayTasks validationTasks = NWayTasks.sample(validation, 20, 250, seed + 1);
        Trainer trainer = Trainer.builder().iterations(iterations).seed(seed)
                .workers(Integer.parseInt(o.getOrDefault("workers", "1")))
                .optimizer(Optimizer.adam(lr).decayPerIteration(Math.pow(0.1, 1.0 / iterations)))
                .validateEvery(Long.parseLong(o.getOrDefault("every", "1000")))
                .metric("20-way val acc", m -> NWayEvaluator.accuracy(validationTasks, m).accuracy()).build();
        long t0 = System.nanoTime();
        TrainingHistory h = trainer.fit(model, batches);
        double minutes = (System.nanoTime() - t0) / 60e9;
        NWayResult test = NWayEvaluator.accuracy(NWayTasks.sample(evaluation, 20, 400, seed + 4), model);
        String line = String.format(Locale.ROOT, "%s | %,d parameters | training %.1f min | best validation %.3f | test 20-way %.3f (95%% CI %.3f-%.3f) | load %s",
                String.join(" ", args), model.paramCount(), minutes, java.util.Arrays.stream(h.metrics()).max().orElse(Double.NaN),
                test.accuracy(), test.ci95().low(), test.ci95().high(), RecipeArgs.load());
        RecipeArgs.record(line, "omniglot.txt");
    }
}
