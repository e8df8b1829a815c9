package org.siamesekit.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.augment.AffineDistortion;
import org.siamesekit.augment.CameraPerturbation;
import org.siamesekit.data.DataManager;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.data.OrlFaces;
import org.siamesekit.evaluation.Embeddings;
import org.siamesekit.evaluation.UnseenClasses;
import org.siamesekit.evaluation.UnseenClasses.Scores;
import org.siamesekit.evaluation.Verification;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.Splits;
import org.siamesekit.training.FaceRecipe;
import org.siamesekit.training.Trainer;

/**
 * Faces judged over folds of people: ORL's 40 people in 4 folds of 10 test
 * people, each fold training on 25 of the other 30 and choosing its checkpoint
 * and threshold on the remaining 5. For the tutorial's network (notebook 01's
 * honest training), the kit's face network ({@link FaceRecipe}) and pixel L2,
 * on the aligned photos and on the validation and test people's photos under
 * {@link CameraPerturbation#door} (each photo perturbed once; training photos
 * unchanged). Prints a line per fold, mean ± sd tables, and as its last two
 * lines the means of the kit's network and of pixels. Run by {@code bench/faces.sh}.
 *
 * <p>Arguments, key=value: quick=0|1 (60 steps, 1 fold), folds=4 (how many of
 * the 4 folds to run), steps=300 (the face network's, {@link FaceRecipe#STEPS}),
 * tutorial=on|off, tutorialSteps=2000, camera=on|off, seed=42, margin=1, lr=0.003.
 */
public final class FacesBench {
    private static final Set<String> KEYS = Set.of("quick", "folds", "steps", "tutorial", "tutorialSteps", "camera", "seed",
            "margin", "lr");
    private static final int FOLDS = 4, VALIDATION_PEOPLE = 5;

    public static void main(String[] args) throws IOException {
        Map<String, String> o = RecipeArgs.parse(args, KEYS);
        boolean quick = o.getOrDefault("quick", "0").equals("1");
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        int folds = Integer.parseInt(o.getOrDefault("folds", quick ? "1" : "4"));
        long steps = Long.parseLong(o.getOrDefault("steps", quick ? "60" : String.valueOf(FaceRecipe.STEPS)));
        long tutorialSteps = Long.parseLong(o.getOrDefault("tutorialSteps", quick ? "60" : "2000"));
        boolean tutorial = onOff(o.getOrDefault("tutorial", "on"), "tutorial");
        boolean camera = onOff(o.getOrDefault("camera", "on"), "camera");
        if (folds < 1 || folds > FOLDS) throw new IllegalArgumentException("folds must be 1.." + FOLDS + ", got " + folds);
        FaceRecipe recipe = FaceRecipe.standard(steps).withProgress(false)
                .withMargin(Double.parseDouble(o.getOrDefault("margin", "1")))
                .withPeakLearningRate(Double.parseDouble(o.getOrDefault("lr", "3e-3")));

        LabelledImages faces = OrlFaces.load(DataManager.standard(), 2);
        // Every photo perturbed once, before any split: each method and fold sees the same photos.
        LabelledImages door = new LabelledImages(CameraPerturbation.door(seed + 100).apply(faces.images()), faces.labels(),
                faces.classNames());
        List<Splits.ImageSplit> splits = Splits.byClassFolds(faces, FOLDS, VALIDATION_PEOPLE, seed);
        System.out.printf(Locale.ROOT, "faces over folds: %d of %d folds, seed %d, %s; tutorial %s (%,d steps); camera %s%n",
                folds, FOLDS, seed, recipe, tutorial ? "on" : "off", tutorialSteps, camera ? "on" : "off");
        Map<String, List<Scores>> results = new java.util.LinkedHashMap<>();
        for (int f = 0; f < folds; f++) {
            Splits.ImageSplit s = splits.get(f);
            long t0 = System.nanoTime();
            Map<String, Function<INDArray, INDArray>> methods = new java.util.LinkedHashMap<>();
            if (tutorial) methods.put("tutorial", trainTutorial(s, tutorialSteps, seed)::embed);
            long t1 = System.nanoTime();
            methods.put("net", recipe.train(s.train(), s.validation(), seed)::embed);
            long t2 = System.nanoTime();
            methods.put("pixels", Embeddings::pixels);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "fold %d (test people %s):", f + 1, names(faces, s)));
            for (var m : methods.entrySet()) {
                Scores sc = UnseenClasses.evaluate(m.getValue(), s.validation(), s.test(), seed + 7);
                results.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(sc);
                line.append(String.format(Locale.ROOT, " %s %s;", m.getKey(), sc));
            }
            if (camera) {
                LabelledImages val = door.ofClasses(s.validationClasses()), test = door.ofClasses(s.testClasses());
                for (var m : methods.entrySet()) {
                    Scores sc = UnseenClasses.evaluate(m.getValue(), val, test, seed + 7);
                    results.computeIfAbsent("camera " + m.getKey(), k -> new ArrayList<>()).add(sc);
                    line.append(String.format(Locale.ROOT, " camera %s %s;", m.getKey(), sc));
                }
            }
            line.append(String.format(Locale.ROOT, " training: tutorial %.1f min, net %.1f min; load %s",
                    (t1 - t0) / 60e9, (t2 - t1) / 60e9, RecipeArgs.load()));
            RecipeArgs.record(line.toString(), "faces.txt");
        }
        System.out.println();
        System.out.println("mean ± sd over " + folds + " fold(s): pair accuracy at the validation threshold, AUC, EER, one-shot top-1 / top-5");
        for (var r : results.entrySet()) {
            List<Scores> l = r.getValue();
            System.out.printf(Locale.ROOT, "  %-16s acc %s  auc %s  eer %s  top1 %s  top5 %s%n", r.getKey(),
                    ms(l, Scores::accuracy), ms(l, Scores::auc), ms(l, Scores::eer), ms(l, Scores::top1), ms(l, Scores::top5));
        }
        RecipeArgs.record(meanLine("mean:", results.get("net"), results.get("pixels")), "faces.txt");
        if (camera) RecipeArgs.record(meanLine("camera mean:", results.get("camera net"), results.get("camera pixels")), "faces.txt");
    }

    /** Notebook 01's honest protocol for the tutorial's network: fresh half-genuine pairs, small distortions, RMSProp. */
    private static SiameseModel trainTutorial(Splits.ImageSplit s, long steps, long seed) {
        SiameseModel model = SiameseModel.contrastive(Presets.orl(), 1.0, seed);
        Trainer.builder().iterations(steps).validateEvery(Math.max(1, steps / 10)).optimizer(Optimizer.rmsProp(1e-3))
                .metric("validation AUC", m -> Verification.auc(UnseenClasses.allPairs(Embeddings.of(m::embed, s.validation()),
                        s.validation().labels())))
                .progress(false).seed(seed).build()
                .fit(model, Batches.halfGenuine(s.train(), 128, seed + 10).distortion(AffineDistortion.faces(seed + 13)));
        return model;
    }

    private static String meanLine(String label, List<Scores> net, List<Scores> pixels) {
        return String.format(Locale.ROOT, "%s net auc %.4f acc %.4f top1 %.4f; pixels auc %.4f acc %.4f top1 %.4f", label,
                mean(net, Scores::auc), mean(net, Scores::accuracy), mean(net, Scores::top1),
                mean(pixels, Scores::auc), mean(pixels, Scores::accuracy), mean(pixels, Scores::top1));
    }

    private static double mean(List<Scores> l, ToDoubleFunction<Scores> f) {
        return l.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String ms(List<Scores> l, ToDoubleFunction<Scores> f) {
        double m = mean(l, f);
        double var = l.stream().mapToDouble(f).map(x -> (x - m) * (x - m)).sum() / Math.max(1, l.size() - 1);
        return String.format(Locale.ROOT, "%.4f ± %.4f", m, Math.sqrt(var));
    }

    private static String names(LabelledImages faces, Splits.ImageSplit s) {
        return String.join(",", s.testClasses().stream().map(faces::className).toList());
    }

    private static boolean onOff(String v, String key) {
        if (v.equals("on")) return true;
        if (v.equals("off")) return false;
        throw new IllegalArgumentException(key + " must be on or off, got " + v);
    }
}
