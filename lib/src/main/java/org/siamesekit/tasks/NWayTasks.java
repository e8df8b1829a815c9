package org.siamesekit.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.Splits;

/**
 * A seeded batch of N-way one-shot trials ({@link NWayTask}) over one image
 * set, for any N from 1 (trivial) up to the number of classes.
 *
 * <p>Each trial draws the query's class uniformly among classes with at least
 * two images, a query image and a different image of that class as the correct
 * candidate, and N-1 other distinct classes with one random image each; the
 * candidates are then put in random order. {@link #sampleWithinGroups} keeps
 * all N classes inside the query's group (Koch et al. evaluate Omniglot
 * within an alphabet, which is harder than mixing alphabets); it refuses,
 * rather than quietly mixing groups, when a group has fewer than N classes.
 * The same seed gives the same trials, so a model and a baseline can be
 * scored on identical tasks.
 */
public final class NWayTasks implements Iterable<NWayTask> {
    private final LabelledImages source;
    private final int n;
    private final boolean withinGroups;
    private final List<NWayTask> tasks;

    private NWayTasks(LabelledImages source, int n, boolean withinGroups, List<NWayTask> tasks) {
        this.source = source;
        this.n = n;
        this.withinGroups = withinGroups;
        this.tasks = List.copyOf(tasks);
    }

    /** {@code trials} N-way tasks with candidates drawn from any classes. */
    public static NWayTasks sample(LabelledImages images, int n, int trials, long seed) {
        List<Integer> eligibleQuery = new ArrayList<>(), all = new ArrayList<>();
        for (int c : images.presentClasses()) {
            all.add(c);
            if (images.indicesOf(c).length >= 2) eligibleQuery.add(c);
        }
        if (n < 1 || n > all.size()) {
            throw new IllegalArgumentException("N must be 1.." + all.size() + " (the classes with images in " + images + "), got " + n);
        }
        if (eligibleQuery.isEmpty()) {
            throw new IllegalArgumentException("no class of " + images + " has two images, so no query has a correct candidate");
        }
        Map<Integer, List<Integer>> pool = new TreeMap<>();
        for (int c : eligibleQuery) pool.put(c, all);
        return draw(images, n, trials, seed, false, eligibleQuery, pool);
    }

    /**
     * {@code trials} N-way tasks whose N classes all come from the query's
     * group (alphabet).
     *
     * @throws IllegalArgumentException if the images have no groups, or if any
     *         group has fewer than N classes (the message names them; restrict
     *         the images with {@link Splits#ofGroups} and {@link #groupsWithAtLeast},
     *         or use {@link #sample} to mix groups)
     */
    public static NWayTasks sampleWithinGroups(LabelledImages images, int n, int trials, long seed) {
        if (!images.hasGroups()) {
            throw new IllegalArgumentException(images + " has no class groups; use NWayTasks.sample to draw candidates from all classes");
        }
        if (n < 1) throw new IllegalArgumentException("N must be at least 1, got " + n);
        Map<String, List<Integer>> byGroup = classesByGroup(images);
        Map<String, Integer> tooSmall = new LinkedHashMap<>();
        byGroup.forEach((g, cs) -> { if (cs.size() < n) tooSmall.put(g, cs.size()); });
        if (!tooSmall.isEmpty()) {
            throw new IllegalArgumentException(n + "-way tasks within a group need " + n + " classes per group, but these groups have fewer "
                    + "(group=classes): " + tooSmall + ". Keep only larger groups with "
                    + "Splits.ofGroups(images, NWayTasks.groupsWithAtLeast(images, " + n + ")), or mix groups with NWayTasks.sample");
        }
        List<Integer> eligibleQuery = new ArrayList<>();
        Map<Integer, List<Integer>> pool = new TreeMap<>();
        for (List<Integer> cs : byGroup.values()) {
            for (int c : cs) {
                if (images.indicesOf(c).length >= 2) {
                    eligibleQuery.add(c);
                    pool.put(c, cs);
                }
            }
        }
        if (eligibleQuery.isEmpty()) {
            throw new IllegalArgumentException("no class of " + images + " has two images, so no query has a correct candidate");
        }
        Collections.sort(eligibleQuery);
        return draw(images, n, trials, seed, true, eligibleQuery, pool);
    }

    /** The groups (sorted) with at least {@code n} classes that have images. */
    public static List<String> groupsWithAtLeast(LabelledImages images, int n) {
        return classesByGroup(images).entrySet().stream().filter(e -> e.getValue().size() >= n).map(Map.Entry::getKey).toList();
    }

    private static Map<String, List<Integer>> classesByGroup(LabelledImages images) {
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        for (int c : images.presentClasses()) byGroup.computeIfAbsent(images.groupOf(c), g -> new ArrayList<>()).add(c);
        return byGroup;
    }

    private static NWayTasks draw(LabelledImages images, int n, int trials, long seed, boolean within,
                                  List<Integer> queryClasses, Map<Integer, List<Integer>> candidatePool) {
        if (trials < 1) throw new IllegalArgumentException("need at least one trial, got " + trials);
        Random rng = new Random(seed);
        Map<Integer, int[]> members = new TreeMap<>();
        List<NWayTask> tasks = new ArrayList<>(trials);
        for (int t = 0; t < trials; t++) {
            int c = queryClasses.get(rng.nextInt(queryClasses.size()));
            int[] own = members.computeIfAbsent(c, images::indicesOf);
            int[] qs = twoDistinct(own, rng);
            List<Integer> pool = candidatePool.get(c);
            // N-1 distinct other classes: a partial Fisher-Yates over the pool without c
            int[] others = pool.stream().mapToInt(Integer::intValue).filter(x -> x != c).toArray();
            for (int k = 0; k < n - 1; k++) {
                int j = k + rng.nextInt(others.length - k);
                int tmp = others[k]; others[k] = others[j]; others[j] = tmp;
            }
            int[] support = new int[n];
            support[0] = qs[1];
            for (int k = 1; k < n; k++) {
                int[] m = members.computeIfAbsent(others[k - 1], images::indicesOf);
                support[k] = m[rng.nextInt(m.length)];
            }
            int answer = rng.nextInt(n);
            int tmp = support[0]; support[0] = support[answer]; support[answer] = tmp;
            tasks.add(new NWayTask(images, qs[0], support, answer));
        }
        return new NWayTasks(images, n, within, tasks);
    }

    public LabelledImages source() { return source; }
    public int n() { return n; }
    public int size() { return tasks.size(); }
    public NWayTask get(int i) { return tasks.get(i); }
    public List<NWayTask> tasks() { return tasks; }
    /** True when every task's classes come from one group. */
    public boolean withinGroups() { return withinGroups; }

    @Override
    public Iterator<NWayTask> iterator() { return tasks.iterator(); }

    @Override
    public String toString() {
        return "NWayTasks[" + size() + " " + n + "-way trials" + (withinGroups ? " within groups" : "") + " over " + source + "]";
    }

    /** Two different members, uniformly (the same draws as the pair sampler's genuine pairs). */
    private static int[] twoDistinct(int[] members, Random rng) {
        int i = rng.nextInt(members.length);
        int j = rng.nextInt(members.length - 1);
        if (j >= i) j++;
        return new int[] {members[i], members[j]};
    }
}
