package org.siamesekit.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The renderer on real XChart charts and Tablesaw tables (test dependencies only). */
class KitRendererTest {
    private final KitRenderer renderer = new KitRenderer();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage decodePng(DisplayData d) throws Exception {
        Object b64 = d.getData(MIMEType.IMAGE_PNG);
        assertNotNull(b64, "no image/png");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) b64)));
    }

    @Test
    void xchartChartsBecomePngsOfTheChartsSize() throws Exception {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("Loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});
        DisplayData d = renderer.render(chart);
        BufferedImage img = decodePng(d);
        assertEquals(320, img.getWidth());
        assertEquals(200, img.getHeight());
        assertEquals("XYChart \"Loss\" (320x200)", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void bufferedImagesBecomePngs() throws Exception {
        BufferedImage src = new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage img = decodePng(renderer.render(src));
        assertEquals(7, img.getWidth());
        assertEquals(5, img.getHeight());
    }

    @Test
    void tablesawTablesBecomeCappedHtmlWithTextAlternative() {
        Table t = Table.create("scores",
                StringColumn.create("who", IntStream.range(0, 60).mapToObj(i -> "p" + i).toArray(String[]::new)),
                DoubleColumn.create("score", IntStream.range(0, 60).mapToDouble(i -> i / 2.0).toArray()));
        DisplayData d = renderer.render(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        assertTrue(html.contains("<caption>scores</caption>"), html);
        assertTrue(html.contains("<th>who</th><th>score</th>"), html);
        assertEquals(org.siamesekit.display.TableHtml.MAX_ROWS, html.split("<tr><td>", -1).length - 1);
        assertTrue(html.contains("<tr><td>p49</td><td style=\"text-align:right\">24.5000</td></tr>"), html);
        assertFalse(html.contains("p50"), html);
        assertTrue(html.endsWith("<p>\u2026 10 more rows</p>"), html);
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("scores"));
    }

    @Test
    void otherObjectsAreTheirToStringAndNullIsShownAsNull() {
        DisplayData d = renderer.render(new StringBuilder("plain"));
        assertEquals("plain", d.getData(MIMEType.TEXT_PLAIN));
        assertNull(d.getData(MIMEType.IMAGE_PNG));
        assertEquals("null", renderer.render(null).getData(MIMEType.TEXT_PLAIN));
    }
}
