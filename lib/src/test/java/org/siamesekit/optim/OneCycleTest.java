package org.siamesekit.optim;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneCycleTest {
    @Test
    void risesFromAFraction25thToThePeakThenFallsToATenThousandth() {
        OneCycle s = new OneCycle(0.01, 1000);
        assertEquals(0.01 / 25, s.valueAt(0, 0), 1e-12);
        assertEquals(0.01, s.valueAt(300, 0), 1e-12);           // the peak at 30 % of the steps
        assertEquals(0.01 / 1e4, s.valueAt(999, 0), 1e-12);     // the last step
        assertEquals(0.01 / 1e4, s.valueAt(5000, 0), 1e-12);    // and after it
        for (int i = 1; i <= 300; i++) assertTrue(s.valueAt(i, 0) > s.valueAt(i - 1, 0), "rising at " + i);
        for (int i = 301; i < 1000; i++) assertTrue(s.valueAt(i, 0) < s.valueAt(i - 1, 0), "falling at " + i);
        assertThrows(IllegalArgumentException.class, () -> new OneCycle(0.01, 1));
    }

    @Test
    void optimizerSpecRoundTripsAndRefusesADecayToo() {
        Optimizer o = Optimizer.adam(0.003).oneCycle(1500);
        assertEquals("adam(0.003).oneCycle(1500)", o.spec());
        assertEquals(o, Optimizer.parse(o.spec()));
        assertEquals(Optimizer.adam(0.001).decayPerIteration(0.999), Optimizer.parse("adam(0.001).decayPerIteration(0.999)"));
        assertThrows(IllegalArgumentException.class, () -> new Optimizer(Optimizer.Kind.ADAM, 0.1, 0, 0.9,
                org.nd4j.linalg.schedule.ScheduleType.ITERATION, 100));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("adam(0.1).warmRestarts(3)"));
    }

    @Test
    void theUpdaterTakesItsRateFromTheScheduleStepByStep() {
        Optimizer o = Optimizer.adam(0.01).oneCycle(20);
        INDArray w = Nd4j.ones(DataType.FLOAT, 3);
        TrainingState state = new TrainingState(o, Map.of("w", w));
        OneCycle expected = new OneCycle(0.01, 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(expected.valueAt(i, 0), state.currentLearningRate(), 1e-9, "step " + i);
            assertEquals(expected.valueAt(i, 0), o.learningRateAt(i, 0), 1e-12);
            state.step(Map.of("w", w), Map.of("w", Nd4j.ones(DataType.FLOAT, 3)), Map.of());
        }
    }
}
