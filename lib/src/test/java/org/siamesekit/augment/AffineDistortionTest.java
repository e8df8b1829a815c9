package org.siamesekit.augment;

import java.awt.geom.AffineTransform;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class AffineDistortionTest {
    private static INDArray batch() {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.rand(DataType.FLOAT, 3, 1, 12, 10);
    }

    @Test
    void probabilityZeroIsTheIdentity() {
        INDArray in = batch();
        INDArray out = new AffineDistortion(10, 0.3, 0.8, 1.2, 2, 0.0, 1).apply(in);
        assertArrayEquals(in.shape(), out.shape());
        assertTrue(in.equalsWithEps(out, 1e-6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"koch", "faces"})
    void presetsDistortReproduciblyAndKeepShapeAndRange(String preset) {
        LongFunction<AffineDistortion> make = preset.equals("koch") ? AffineDistortion::koch : AffineDistortion::faces;
        INDArray in = batch();
        INDArray a = make.apply(3).apply(in), b = make.apply(3).apply(in);
        assertArrayEquals(in.shape(), a.shape());
        assertEquals(a, b);
        assertFalse(in.equalsWithEps(a, 1e-3));
        assertTrue(a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1);
        // a second call draws new transforms
        AffineDistortion d = make.apply(3);
        assertNotEquals(d.apply(in), d.apply(in));
    }

    @Test
    void facesRangesAreRespected() {
        AffineDistortion d = AffineDistortion.faces(5);
        for (int i = 0; i < 200; i++) {
            AffineTransform t = d.nextTransform(56, 46);
            // the linear part stays close to a rotation of at most 10° with scale 0.9-1.1 and shear 0.1
            double det = t.getScaleX() * t.getScaleY() - t.getShearX() * t.getShearY();
            assertTrue(det > 0.9 * 0.9 * 0.98 && det < 1.1 * 1.1 * 1.011, "determinant " + det);
        }
    }

    @Test
    void translationByOnePixelShiftsTheImage() {
        int h = 4, w = 5;
        float[] in = new float[h * w];
        for (int i = 0; i < in.length; i++) in[i] = i;
        float[] out = new float[h * w];
        AffineDistortion.warp(in, out, 0, h, w, AffineTransform.getTranslateInstance(1, 0));
        for (int y = 0; y < h; y++) {
            assertEquals(in[y * w], out[y * w], 1e-6, "left edge repeats");
            for (int x = 1; x < w; x++) assertEquals(in[y * w + x - 1], out[y * w + x], 1e-6);
        }
        // a half-pixel shift interpolates bilinearly
        AffineDistortion.warp(in, out, 0, h, w, AffineTransform.getTranslateInstance(0.5, 0));
        assertEquals((in[1] + in[2]) / 2, out[2], 1e-5);
    }

    @Test
    void kochRangesAreRespected() {
        AffineDistortion d = AffineDistortion.koch(11);
        for (int i = 0; i < 200; i++) {
            AffineTransform t = d.nextTransform(105, 105);
            // the centre moves by the translation only: at most 2 px in x and y
            java.awt.geom.Point2D c = t.transform(new java.awt.geom.Point2D.Double(52, 52), null);
            assertTrue(Math.abs(c.getX() - 52) <= 2 + 1e-9 && Math.abs(c.getY() - 52) <= 2 + 1e-9, c.toString());
            double det = t.getDeterminant();
            assertTrue(det > 0.8 * 0.8 * (1 - 0.09) - 1e-9 && det < 1.2 * 1.2 * 1.09 + 1e-9, "determinant " + det);
        }
    }
}
