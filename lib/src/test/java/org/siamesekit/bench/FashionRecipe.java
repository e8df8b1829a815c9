package org.siamesekit.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.siamesekit.augment.HorizontalFlip;
import org.siamesekit.data.DataManager;
import org.siamesekit.data.FashionMnist;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.evaluation.ThresholdChoice;
import org.siamesekit.evaluation.Verification;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.pairs.AllPairsBatches;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.PairSampler;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.Splits;
import org.siamesekit.training.Trainer;

/**
 * One Fashion-MNIST training recipe for notebook 02, and its score, with the
 * notebook's split, pairs and seed (42): a tenth of the training images held out
 * for validation (checkpoint and threshold), one genuine and one impostor pair
 * per image, test pairs from the test images. Prints the test pair accuracy at
 * the validation threshold and the test AUC, and appends the line to
 * build/bench/fashion.txt. Run by {@code bench/fashion.sh}.
 *
 * <p>Arguments, key=value: batches=pairs|all (epochs over the seed's fixed pairs,
 * or iterations on batches of classes × images with every pair among them),
 * net=two|one|vgg (Presets.fashionTwoConv / fashion / fashionVgg), images=60000 (training images
 * before the hold-out), epochs=6, batch=64 (pairs per step), perclass=8 (all
 * pairs: images of each of the 10 classes per batch), iterations=6000,
 * every=1000, lr=1e-3 (Adam), decay=1 (learning rate at the end / at the start,
 * decayed per step), margin=1, flip=0 (all pairs: chance that a training image
 * is mirrored left to right, {@link HorizontalFlip}), patience (all pairs: stop
 * after this many validations without a better validation loss and keep the
 * best; without it, train all iterations and keep the last weights).
 */
public final class FashionRecipe {
    private static final Set<String> KEYS = Set.of("batches", "net", "images", "epochs", "batch", "perclass", "iterations",
            "every", "lr", "decay", "margin", "flip", "patience");

    public static void main(String[] args) throws IOException {
        Map<String, String> o = RecipeArgs.parse(args, KEYS);
        long seed = 42;
        double lr = Double.parseDouble(o.getOrDefault("lr", "1e-3"));
        double decay = Double.parseDouble(o.getOrDefault("decay", "1"));
        double margin = Double.parseDouble(o.getOrDefault("margin", "1"));
        int images = Integer.parseInt(o.getOrDefault("images", "60000"));

        DataManager dm = DataManager.standard();
        Splits.ImageHoldOut holdOut = Splits.holdOutImages(
                Splits.sampleImages(FashionMnist.load(dm, FashionMnist.Split.TRAIN), images, seed), 0.1, seed);
        LabelledImages train = holdOut.kept(), validation = holdOut.heldOut();
        LabelledImages test = FashionMnist.load(dm, FashionMnist.Split.TEST);
        Pairs valPairs = PairSampler.onePerImage(validation, seed + 1);
        Pairs testPairs = PairSampler.onePerImage(test, seed + 2);
        EmbeddingNet net = switch (o.getOrDefault("net", "two")) {
            case "two" -> Presets.fashionTwoConv();
            case "one" -> Presets.fashion();
            case "vgg" -> Presets.fashionVgg();
            default -> throw new IllegalArgumentException("net must be two, one, flat or vgg");
        };
        SiameseModel model = SiameseModel.contrastive(net, margin, seed);
        String batches = o.getOrDefault("batches", "pairs");
        Trainer.Builder b = Trainer.builder().seed(seed).validation(valPairs)
                .metric("val pair acc", m -> Verification.bestThreshold(ScoredPairs.score(m, valPairs)).accuracy());
        long t0 = System.nanoTime();
        TrainingHistory h;
        if (batches.equals("pairs")) {
            int epochs = Integer.parseInt(o.getOrDefault("epochs", "6"));
            int batch = Integer.parseInt(o.getOrDefault("batch", "64"));
            long steps = (long) epochs * ((2L * train.size() + batch - 1) / batch);
            Trainer trainer = b.epochs(epochs).batchSize(batch)
                    .optimizer(Optimizer.adam(lr).decayPerIteration(Math.pow(decay, 1.0 / steps))).build();
            h = trainer.fit(model, PairSampler.onePerImage(train, seed));
        } else if (batches.equals("all")) {
            long iterations = Long.parseLong(o.getOrDefault("iterations", "6000"));
            AllPairsBatches source = Batches.allPairs(train, seed + 3).classes(10)
                    .imagesPerClass(Integer.parseInt(o.getOrDefault("perclass", "8")));
            double flip = Double.parseDouble(o.getOrDefault("flip", "0"));
            if (flip > 0) source = source.distortion(new HorizontalFlip(flip, seed + 4));
            if (o.containsKey("patience")) b.earlyStopping(Integer.parseInt(o.get("patience"))).restoreBest(true);
            Trainer trainer = b.iterations(iterations).validateEvery(Long.parseLong(o.getOrDefault("every", "1000")))
                    .optimizer(Optimizer.adam(lr).decayPerIteration(Math.pow(decay, 1.0 / iterations))).build();
            h = trainer.fit(model, source);
        } else {
            throw new IllegalArgumentException("batches must be pairs or all");
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        ThresholdChoice threshold = Verification.bestThreshold(ScoredPairs.score(model, valPairs));
        ScoredPairs scoredTest = ScoredPairs.score(model, testPairs);
        String line = String.format(Locale.ROOT,
                "%s | %,d parameters | training %.1f min | best val pair acc %.4f | test pair acc at val threshold %.4f | test AUC %.4f | load %s",
                String.join(" ", args), model.paramCount(), minutes, threshold.accuracy(),
                Verification.accuracyAt(scoredTest, threshold.threshold()), Verification.auc(scoredTest),
                RecipeArgs.load());
        RecipeArgs.record(line, "fashion.txt");
    }
}
