package org.siamesekit.tasks;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.Splits;
import org.siamesekit.pairs.SyntheticImages;

import static org.junit.jupiter.api.Assertions.*;

class NWayTasksTest {
    private final LabelledImages images = SyntheticImages.constant(12, 3, 2, 2, 4); // groups g0..g2 of 4 classes

    @Test
    void tasksAreWellFormedForEveryN() {
        for (int n : new int[] {1, 2, 5, 12}) {
            NWayTasks tasks = NWayTasks.sample(images, n, 50, 3);
            assertEquals(50, tasks.size());
            for (NWayTask t : tasks) {
                assertEquals(n, t.n());
                Set<Integer> classes = new HashSet<>();
                for (int k = 0; k < n; k++) classes.add(t.supportLabel(k));
                assertEquals(n, classes.size(), "distinct classes");
                assertEquals(t.queryLabel(), t.supportLabel(t.answer()));
                assertNotEquals(t.query(), t.support(t.answer()));
            }
        }
    }

    @Test
    void answerPositionIsSpread() {
        int[] counts = new int[5];
        for (NWayTask t : NWayTasks.sample(images, 5, 500, 1)) counts[t.answer()]++;
        for (int c : counts) assertTrue(c > 60, java.util.Arrays.toString(counts));
    }

    @Test
    void seedsReproduce() {
        NWayTasks a = NWayTasks.sample(images, 4, 20, 9), b = NWayTasks.sample(images, 4, 20, 9), c = NWayTasks.sample(images, 4, 20, 10);
        boolean anyDifferent = false;
        for (int i = 0; i < 20; i++) {
            assertEquals(a.get(i).query(), b.get(i).query());
            assertArrayEquals(a.get(i).support(), b.get(i).support());
            anyDifferent |= a.get(i).query() != c.get(i).query();
        }
        assertTrue(anyDifferent);
    }

    @Test
    void withinGroupsKeepsAllClassesInTheQuerysGroup() {
        NWayTasks tasks = NWayTasks.sampleWithinGroups(images, 4, 100, 2);
        assertTrue(tasks.withinGroups());
        for (NWayTask t : tasks) {
            String g = images.groupOf(t.queryLabel());
            for (int k = 0; k < t.n(); k++) assertEquals(g, images.groupOf(t.supportLabel(k)));
        }
    }

    @Test
    void tooSmallGroupsAndTooLargeNAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NWayTasks.sampleWithinGroups(images, 5, 10, 1));
        assertTrue(e.getMessage().contains("g0=4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NWayTasks.sample(images, 13, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> NWayTasks.sample(images, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> NWayTasks.sampleWithinGroups(SyntheticImages.constant(4, 2, 2, 2), 2, 10, 1));

        LabelledImages uneven = SyntheticImages.constant(10, 2, 2, 2, 6); // g0 has 6 classes, g1 has 4
        assertEquals(java.util.List.of("g0"), NWayTasks.groupsWithAtLeast(uneven, 5));
        LabelledImages big = Splits.ofGroups(uneven, NWayTasks.groupsWithAtLeast(uneven, 5));
        assertEquals(5, NWayTasks.sampleWithinGroups(big, 5, 3, 1).n());
    }
}
