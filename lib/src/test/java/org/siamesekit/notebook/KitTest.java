package org.siamesekit.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.siamesekit.charts.Charts;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class KitTest {
    @Test
    void quickFlagParsing() {
        assertTrue(Kit.isTrue("1"));
        assertTrue(Kit.isTrue(" TRUE "));
        assertFalse(Kit.isTrue("0"));
        assertFalse(Kit.isTrue(null));
        assertFalse(Kit.isTrue("false"));
    }

    @Test
    void pickFollowsQuickMode() {
        boolean quick = Kit.quick();
        assertEquals(quick ? 1 : 13, Kit.pick(1, 13));
        assertEquals(quick ? 0.5 : 2.0, Kit.pick(0.5, 2.0));
        assertEquals(quick ? "small" : "full", Kit.pick("small", "full"));
    }

    @Test
    void bannerNamesBackendJavaQuickModeAndSeed() {
        String b = Kit.banner();
        assertTrue(b.contains("nd4j-"), b);
        assertTrue(b.contains("Java " + System.getProperty("java.version")), b);
        assertTrue(b.contains("seed " + Kit.seed()), b);
        assertTrue(b.contains("quick mode " + (Kit.quick() ? "ON" : "off")), b);
        if (Kit.backend().startsWith("nd4j-native")) assertTrue(Kit.backend().matches(".*, \\d+ threads"), Kit.backend());
    }

    @Test
    void renderersShowChartsAsPngAndTablesAsHtmlOnce() {
        Renderer r = new Renderer();
        Kit.registerRenderers(r);
        DisplayData chart = r.render(Charts.lossCurves(new double[] {1, 0.5}, null));
        assertTrue(chart.hasDataForType(Image.PNG));
        DisplayData table = r.render(Table.create("t", DoubleColumn.create("x", 1.5)));
        assertTrue(table.hasDataForType(MIMEType.TEXT_HTML));
        assertTrue(String.valueOf(table.getData(MIMEType.TEXT_HTML)).contains("1.5000"));
        assertTrue(r.render(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)).hasDataForType(Image.PNG));
        Kit.registerRenderers(r); // idempotent: still renders, nothing breaks
        assertTrue(r.render(Charts.lossCurves(new double[] {1, 0.5}, null)).hasDataForType(Image.PNG));
    }
}
