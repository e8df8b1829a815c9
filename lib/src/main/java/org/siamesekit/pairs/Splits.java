package org.siamesekit.pairs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.siamesekit.data.LabelledImages;

/**
 * Train / validation / test splits, by pairs or by identity.
 *
 * <p>The seed notebooks split <em>pairs</em> ({@link #byPairs}); that measures
 * how well the network recognises people it has already seen, not one-shot
 * learning. Splitting by class ({@link #byClass}) or by group of classes
 * ({@link #byGroup}, Omniglot alphabets) keeps the test identities out of
 * training entirely, which is what one-shot learning claims to handle.
 * Subsets keep the original label numbering, so a label means the same class
 * in every part.
 */
public final class Splits {
    private Splits() {}

    /** Pairs for training and for testing. */
    public record PairSplit(Pairs train, Pairs test) {}

    /** Images of disjoint sets of classes. {@code validation} may be empty. */
    public record ImageSplit(LabelledImages train, LabelledImages validation, LabelledImages test,
                             List<Integer> trainClasses, List<Integer> validationClasses, List<Integer> testClasses) {
        @Override
        public String toString() {
            return "ImageSplit[train " + trainClasses.size() + " classes / " + train.size() + " images, validation "
                    + validationClasses.size() + " / " + validation.size() + ", test " + testClasses.size() + " / " + test.size() + "]";
        }
    }

    /** Images of the same classes, cut image by image: {@code kept} for training, {@code heldOut} e.g. for validation. */
    public record ImageHoldOut(LabelledImages kept, LabelledImages heldOut) {
        @Override
        public String toString() {
            return "ImageHoldOut[kept " + kept.size() + " images, held out " + heldOut.size() + " images]";
        }
    }

    /** Images of the kept groups and of the held-out groups. */
    public record GroupSplit(LabelledImages kept, LabelledImages heldOut, List<String> keptGroups, List<String> heldOutGroups) {
        @Override
        public String toString() {
            return "GroupSplit[kept " + keptGroups.size() + " groups / " + kept.size() + " images, held out "
                    + heldOutGroups.size() + " groups / " + heldOut.size() + " images: " + heldOutGroups + "]";
        }
    }

    /**
     * Shuffles the pairs and cuts them: the first {@code round(trainFraction * n)}
     * train, the rest test (the seeds use 0.75).
     *
     * <p><b>Leaks identities:</b> the same people / images appear on both sides,
     * so test accuracy here says how well seen classes are re-recognised, not how
     * well the model handles new ones. Use {@link #byClass} for that.
     */
    public static PairSplit byPairs(Pairs pairs, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        int[] order = shuffled(pairs.size(), new Random(seed));
        int cut = (int) Math.round(trainFraction * pairs.size());
        int[] train = java.util.Arrays.copyOfRange(order, 0, cut);
        int[] test = java.util.Arrays.copyOfRange(order, cut, order.length);
        return new PairSplit(pairs.select(train), pairs.select(test));
    }

    /**
     * Holds out a random {@code fraction} of each class's images (rounded, at
     * least one when the class has two or more), so both parts keep every class
     * and its share; the rest are kept, both in their original order. Unlike
     * {@link #byClass} the classes are shared: this carves a validation set for
     * early stopping and threshold choice out of the training images, keeping
     * the test set untouched.
     */
    public static ImageHoldOut holdOutImages(LabelledImages images, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
        }
        Random rng = new Random(seed);
        List<Integer> out = new ArrayList<>(), in = new ArrayList<>();
        for (int c : images.presentClasses()) {
            int[] members = images.indicesOf(c);
            int[] order = shuffled(members.length, rng);
            int held = members.length < 2 ? 0 : Math.max(1, Math.min(members.length - 1, (int) Math.round(fraction * members.length)));
            for (int k = 0; k < members.length; k++) (k < held ? out : in).add(members[order[k]]);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no class of " + images + " has two images to hold one out");
        int[] o = out.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] i = in.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new ImageHoldOut(images.subset(i), images.subset(o));
    }

    /**
     * {@code n} images drawn at random without replacement (seeded), in their
     * original order: a smaller set for quick runs. n at or above the size gives
     * every image.
     */
    public static LabelledImages sampleImages(LabelledImages images, int n, long seed) {
        if (n <= 0) throw new IllegalArgumentException("n must be > 0, got " + n);
        if (n >= images.size()) return images;
        int[] pick = java.util.Arrays.copyOf(shuffled(images.size(), new Random(seed)), n);
        java.util.Arrays.sort(pick);
        return images.subset(pick);
    }

    /**
     * Splits the classes (those with at least one image) at random: about
     * {@code trainFraction} of them for training, {@code validationFraction}
     * for validation, the rest for testing. No class is in two parts.
     */
    public static ImageSplit byClass(LabelledImages images, double trainFraction, double validationFraction, long seed) {
        if (trainFraction <= 0 || validationFraction < 0 || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("need trainFraction > 0, validationFraction >= 0 and their sum < 1 (the rest is test), got "
                    + trainFraction + " and " + validationFraction);
        }
        int c = images.presentClasses().size();
        int nTrain = (int) Math.round(trainFraction * c);
        int nVal = (int) Math.round(validationFraction * c);
        return byClass(images, nTrain, nVal, seed);
    }

    /**
     * Splits the classes at random: {@code trainClasses} for training,
     * {@code validationClasses} for validation, every remaining class with
     * images for testing (at least one).
     */
    public static ImageSplit byClass(LabelledImages images, int trainClasses, int validationClasses, long seed) {
        List<Integer> present = new ArrayList<>(images.presentClasses());
        if (trainClasses < 1 || validationClasses < 0 || trainClasses + validationClasses >= present.size()) {
            throw new IllegalArgumentException(images + " has " + present.size() + " classes with images; cannot give "
                    + trainClasses + " to training and " + validationClasses + " to validation and keep at least one for testing");
        }
        Collections.shuffle(present, new Random(seed));
        List<Integer> train = sorted(present.subList(0, trainClasses));
        List<Integer> val = sorted(present.subList(trainClasses, trainClasses + validationClasses));
        List<Integer> test = sorted(present.subList(trainClasses + validationClasses, present.size()));
        return new ImageSplit(images.ofClasses(train), images.ofClasses(val), images.ofClasses(test), train, val, test);
    }

    /**
     * Cross-validation over classes (people): the classes are shuffled once and
     * cut into {@code folds} equal test groups; in fold f the f-th group is the
     * test set and the other classes, shuffled again, give
     * {@code validationClasses} to validation and the rest to training. Every
     * class is tested exactly once. With ORL's 40 people and
     * {@code byClassFolds(faces, 4, 5, seed)}: 10 test, 5 validation and 25
     * training people per fold. The class lists of each split also pick the same
     * people out of a changed copy of the images ({@code other.ofClasses(split.testClasses())}).
     */
    public static List<ImageSplit> byClassFolds(LabelledImages images, int folds, int validationClasses, long seed) {
        List<Integer> present = new ArrayList<>(images.presentClasses());
        if (folds < 2 || present.size() % folds != 0) {
            throw new IllegalArgumentException(images + " has " + present.size() + " classes with images; they do not cut into "
                    + folds + " equal folds (need at least 2)");
        }
        int perFold = present.size() / folds;
        if (validationClasses < 0 || present.size() - perFold - validationClasses < 2) {
            throw new IllegalArgumentException("with " + perFold + " test classes per fold, " + validationClasses
                    + " validation classes leave fewer than 2 of " + present.size() + " for training");
        }
        Collections.shuffle(present, new Random(seed));
        List<ImageSplit> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<Integer> test = sorted(present.subList(f * perFold, (f + 1) * perFold));
            List<Integer> rest = new ArrayList<>(present);
            rest.removeAll(test);
            Collections.shuffle(rest, new Random(seed + 1 + f));
            List<Integer> val = sorted(rest.subList(0, validationClasses));
            List<Integer> train = sorted(rest.subList(validationClasses, rest.size()));
            out.add(new ImageSplit(images.ofClasses(train), images.ofClasses(val), images.ofClasses(test), train, val, test));
        }
        return out;
    }

    /** Holds out the named groups (for example background alphabets kept for validation). */
    public static GroupSplit byGroup(LabelledImages images, Collection<String> heldOutGroups) {
        List<String> all = groups(images);
        Set<String> held = new LinkedHashSet<>(heldOutGroups);
        for (String g : held) {
            if (!all.contains(g)) {
                throw new IllegalArgumentException("group '" + g + "' is not a group of " + images + "; its groups are " + all);
            }
        }
        List<String> kept = all.stream().filter(g -> !held.contains(g)).toList();
        if (kept.isEmpty()) throw new IllegalArgumentException("holding out " + held + " leaves no group to keep");
        List<String> heldSorted = all.stream().filter(held::contains).toList();
        return new GroupSplit(ofGroups(images, kept), ofGroups(images, heldSorted), kept, heldSorted);
    }

    /** Holds out {@code heldOutCount} groups drawn at random. */
    public static GroupSplit byGroup(LabelledImages images, int heldOutCount, long seed) {
        List<String> all = new ArrayList<>(groups(images));
        if (heldOutCount < 1 || heldOutCount >= all.size()) {
            throw new IllegalArgumentException("can hold out 1.." + (all.size() - 1) + " of the " + all.size()
                    + " groups of " + images + ", not " + heldOutCount);
        }
        Collections.shuffle(all, new Random(seed));
        return byGroup(images, all.subList(0, heldOutCount));
    }

    /** The images whose class belongs to one of the given groups. */
    public static LabelledImages ofGroups(LabelledImages images, Collection<String> groups) {
        requireGroups(images);
        Set<String> wanted = Set.copyOf(groups);
        List<Integer> classes = IntStream.range(0, images.numClasses())
                .filter(c -> wanted.contains(images.groupOf(c))).boxed().toList();
        return images.ofClasses(classes);
    }

    /** The distinct groups of the classes that have images, sorted by name. */
    public static List<String> groups(LabelledImages images) {
        requireGroups(images);
        TreeSet<String> names = new TreeSet<>();
        for (int c : images.presentClasses()) names.add(images.groupOf(c));
        return List.copyOf(names);
    }

    private static void requireGroups(LabelledImages images) {
        if (!images.hasGroups()) {
            throw new IllegalArgumentException(images + " has no class groups (only Omniglot's alphabets are grouped)");
        }
    }

    private static List<Integer> sorted(List<Integer> l) {
        List<Integer> s = new ArrayList<>(l);
        Collections.sort(s);
        return List.copyOf(s);
    }

    static int[] shuffled(int n, Random rng) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return order;
    }
}
