package org.siamesekit.augment;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CameraAndLightingTest {
    static INDArray photos(int n) {
        Nd4j.getRandom().setSeed(1);
        return Nd4j.rand(DataType.FLOAT, n, 1, 56, 46).muli(0.6).addi(0.2);
    }

    @Test
    void brightnessContrastIsSeededStaysInRangeAndKeepsTheInput() {
        INDArray x = photos(8), copy = x.dup();
        INDArray a = new BrightnessContrast(0.15, 0.25, 5).apply(x), b = new BrightnessContrast(0.15, 0.25, 5).apply(x);
        assertEquals(a, b);
        assertEquals(copy, x);
        assertNotEquals(x, a);
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1);
        for (int i = 0; i < 8; i++) { // the mean moves by the brightness offset at most (before clipping)
            double shift = a.slice(i).meanNumber().doubleValue() - x.slice(i).meanNumber().doubleValue();
            assertTrue(Math.abs(shift) <= 0.15 + 1e-4, "image " + i + " mean moved " + shift);
        }
        assertThrows(IllegalArgumentException.class, () -> new BrightnessContrast(0.1, 1.0, 1));
    }

    @Test
    void cameraChangesEachPhotoByItsPositionAndSeedOnly() {
        INDArray x = photos(6);
        CameraPerturbation camera = CameraPerturbation.door(9);
        INDArray once = camera.apply(x), again = camera.apply(x);
        assertEquals(once, again);                                  // no stream: the same photos every time
        INDArray firstThree = camera.apply(x.get(NDArrayIndex.interval(0, 3)));
        assertEquals(once.get(NDArrayIndex.interval(0, 3)), firstThree);
        assertNotEquals(once, CameraPerturbation.door(10).apply(x)); // another seed, another camera
        for (int i = 0; i < 6; i++) {
            double change = once.slice(i).sub(x.slice(i)).norm2Number().doubleValue();
            assertTrue(change > 0.5, "photo " + i + " barely changed: " + change);
        }
        assertTrue(once.minNumber().doubleValue() >= 0 && once.maxNumber().doubleValue() <= 1);
    }

    @Test
    void cameraWithNoRangesLeavesPhotosAlone() {
        INDArray x = photos(2);
        INDArray y = new CameraPerturbation(0, 0, 0, 0, 0, 0, 1).apply(x);
        assertEquals(0, y.sub(x).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void aChainAppliesEveryStepInOrder() {
        INDArray x = photos(4);
        UnaryOperator<INDArray> chain = Augmentations.chain(new HorizontalFlip(1.0, 1), new BrightnessContrast(0.1, 0.2, 2));
        INDArray expected = new BrightnessContrast(0.1, 0.2, 2).apply(new HorizontalFlip(1.0, 1).apply(x));
        assertEquals(expected, chain.apply(x));
        INDArray faces = Augmentations.faces(3).apply(x);
        assertEquals(faces, Augmentations.faces(3).apply(x));
        assertTrue(faces.minNumber().doubleValue() >= 0 && faces.maxNumber().doubleValue() <= 1);
    }
}
