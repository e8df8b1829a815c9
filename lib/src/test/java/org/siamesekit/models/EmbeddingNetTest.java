package org.siamesekit.models;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;

class EmbeddingNetTest {
    @Test
    void orlPresetShapesAndParameterCountMatchAHandCount() {
        EmbeddingNet net = Presets.orl();
        // 56×46 -conv3-> 54×44 -pool-> 27×22 -conv3-> 25×20 -pool-> 12×10
        assertEquals(Shape.image(6, 54, 44), net.shapeAfter(0));
        assertEquals(Shape.image(12, 12, 10), net.shapeAfter(5)); // after the second pool + dropout
        assertEquals(50, net.embeddingSize());
        long expected = (9 * 6 + 6) + (9 * 6 * 12 + 12) + (12 * 12 * 10 * 128 + 128) + (128 * 50 + 50);
        assertEquals(expected, net.paramCount());
    }

    @Test
    void kochPresetHasThePapersShapes() {
        EmbeddingNet net = Presets.koch();
        // 105 -conv10-> 96 -pool-> 48 -conv7-> 42 -pool-> 21 -conv4-> 18 -pool-> 9 -conv4-> 6
        assertEquals(Shape.image(256, 6, 6), net.shapeBefore(net.layers().size() - 2)); // before flatten
        assertEquals(4096, net.embeddingSize());
        assertEquals(38_947_648L, net.paramCount());
    }

    @Test
    void samePaddingKeepsTheSizeAndGlobalPoolingGivesChannels() {
        EmbeddingNet net = Presets.fashionTwoConv();
        assertEquals(Shape.image(128, 28, 28), net.shapeAfter(0));
        assertEquals(Shape.image(64, 7, 7), net.shapeAfter(5));
        assertEquals(48, net.embeddingSize());
    }

    @Test
    void fashionVggPresetStacksTwoConvsPerBlockAndMatchesAHandCount() {
        EmbeddingNet net = Presets.fashionVgg();
        // 28×28 -conv3-> -conv3-> 28×28 -pool-> 14×14 -conv3-> -conv3-> 14×14 -pool-> 7×7 with 64 maps
        assertEquals(Shape.image(32, 28, 28), net.shapeAfter(1));
        assertEquals(Shape.image(64, 7, 7), net.shapeAfter(5));
        assertEquals(48, net.embeddingSize());
        long expected = (9 * 32 + 32) + (9 * 32 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 64 + 64)
                + (64 * 7 * 7 * 256 + 256) + (256 * 48 + 48);
        assertEquals(expected, net.paramCount());
        assertEquals(880_400, expected);
    }

    @Test
    void specRoundTripsThroughParse() {
        for (EmbeddingNet net : new EmbeddingNet[] {Presets.orl(), Presets.fashion(), Presets.fashionVgg(), Presets.koch(), Presets.kochCompact(52)}) {
            assertEquals(net, EmbeddingNet.parse(net.spec()), net.spec());
        }
        assertTrue(Presets.koch().spec().contains("conv(64, 10, RELU).l2(2.0e-4).maxPool(2)"), Presets.koch().spec());
    }

    @Test
    void badArchitecturesFailOnTheLineThatAddsTheLayer() {
        EmbeddingNet tiny = EmbeddingNet.input(1, 8, 8).conv(4, 3, RELU).maxPool(2); // 4×3×3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny.conv(8, 5, RELU));
        assertTrue(e.getMessage().contains("smaller than the 5×5 kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny.dense(10, RELU));
        assertTrue(e.getMessage().contains("add flatten()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> tiny.l2(0.01));
        assertThrows(IllegalArgumentException.class, () -> tiny.dropout(1.0));
        assertThrows(IllegalStateException.class, tiny::embeddingSize);
        assertThrows(IllegalArgumentException.class, () -> EmbeddingNet.parse("input(1, 8, 8).conv(4, 3, RELU).bogus(3)"));
    }

    @Test
    void summaryListsEveryLayerWithShapeAndParameters() {
        String s = Presets.orl().summary();
        assertTrue(s.contains("conv(6, 3, RELU)") && s.contains("6×54×44") && s.contains("60"), s);
        assertTrue(s.contains("total parameters: " + String.format("%,d", Presets.orl().paramCount())), s);
        assertEquals(Presets.orl().layers().size() + 1, Presets.orl().summaryTable().rowCount());
    }
}
