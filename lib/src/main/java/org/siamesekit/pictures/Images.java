package org.siamesekit.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.tasks.NWayTask;

/**
 * Pictures of the data: single images, grids, pairs with their scores and
 * N-way trials with the candidates' scores. Pixel values in [0, 1] map to
 * black..white; images smaller than 64 px are enlarged by a whole factor
 * (nearest neighbour) so Fashion-MNIST's 28 x 28 stay legible.
 */
public final class Images {
    private static final int PAD = 4;
    private static final int MIN_SIDE = 64;
    private static final int MAX_GRID_IMAGES = 1000;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color RIGHT = new Color(0x2ca02c);
    private static final Color WRONG = new Color(0xd62728);

    private Images() {}

    /** One grey-scale image from [h, w], [1, h, w] or [1, 1, h, w], values in [0, 1] (clamped). */
    public static BufferedImage toBufferedImage(INDArray image) {
        long[] s = image.shape();
        if (s.length < 2 || image.length() != s[s.length - 2] * s[s.length - 1]) {
            throw new IllegalArgumentException("expected one image [h, w], [1, h, w] or [1, 1, h, w], got " + Arrays.toString(s));
        }
        int h = (int) s[s.length - 2], w = (int) s[s.length - 1];
        float[] px = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            float v = Float.isNaN(px[i]) ? 0 : Math.max(0, Math.min(1, px[i]));
            raster[i] = (byte) Math.round(v * 255);
        }
        return img;
    }

    /** Images [n, 1, h, w] in rows of {@code cols}. */
    public static BufferedImage grid(INDArray images, int cols) {
        requireBatch(images);
        int n = (int) images.size(0);
        if (n > MAX_GRID_IMAGES) throw new IllegalArgumentException(n + " images is too many for one grid (at most " + MAX_GRID_IMAGES + "); pick some");
        return draw(n, cols, (int) images.size(2), (int) images.size(3), 1, 0, (g, k, x, y, scale) ->
                drawImage(g, toBufferedImage(images.slice(k)), x, y, scale));
    }

    /** All images of a (small) set in rows of {@code cols}. */
    public static BufferedImage grid(LabelledImages images, int cols) {
        return grid(images.images(), cols);
    }

    /** The chosen images of a set in rows of {@code cols}, each captioned with its class name. */
    public static BufferedImage labelledGrid(LabelledImages images, int[] indices, int cols) {
        return draw(indices.length, cols, images.height(), images.width(), 1, 1, (g, k, x, y, scale) -> {
            int side = images.width() * scale;
            drawImage(g, toBufferedImage(images.image(indices[k])), x, y, scale);
            caption(g, images.className(images.label(indices[k])), x, y + images.height() * scale, side, Color.BLACK);
        });
    }

    /** Pairs at the given positions side by side, captioned genuine/impostor, {@code cols} pairs per row. */
    public static BufferedImage pairs(Pairs pairs, int[] positions, int cols) {
        return pairs(pairs, null, positions, cols);
    }

    /** Scored pairs at the given positions, captioned genuine/impostor and with the score. */
    public static BufferedImage pairs(ScoredPairs scored, int[] positions, int cols) {
        if (scored.pairs() == null) {
            throw new IllegalArgumentException("these scores were built from arrays and know no images; score Pairs with ScoredPairs.score");
        }
        return pairs(scored.pairs(), scored.scores(), positions, cols);
    }

    private static BufferedImage pairs(Pairs pairs, double[] scores, int[] positions, int cols) {
        LabelledImages src = pairs.source();
        int h = src.height(), w = src.width();
        return draw(positions.length, cols, h, w, 2, 1, (g, k, x, y, scale) -> {
            int p = positions[k];
            drawImage(g, toBufferedImage(src.image(pairs.left(p))), x, y, scale);
            drawImage(g, toBufferedImage(src.image(pairs.right(p))), x + w * scale + PAD, y, scale);
            String text = (pairs.isGenuine(p) ? "genuine" : "impostor")
                    + (scores == null ? "" : String.format(Locale.ROOT, "  d=%.3f", scores[p]));
            caption(g, text, x, y + h * scale, 2 * w * scale + PAD, Color.BLACK);
        });
    }

    /**
     * Trials of an N-way result, one per row: the query, then the candidates
     * with their scores; the true match is framed green and, when the model
     * picked another, its pick red.
     */
    public static BufferedImage tasks(NWayResult result, int[] trials) {
        BufferedImage[] rows = new BufferedImage[trials.length];
        for (int i = 0; i < trials.length; i++) rows[i] = task(result.task(trials[i]), result.scores()[trials[i]]);
        return stack(rows);
    }

    /** One N-way trial: the query then the candidates, captioned with {@code scores} (may be null). */
    public static BufferedImage task(NWayTask task, double[] scores) {
        LabelledImages src = task.source();
        int n = task.n();
        if (scores != null && scores.length != n) throw new IllegalArgumentException(scores.length + " scores for a " + n + "-way task");
        int chosen = -1;
        if (scores != null) {
            chosen = 0;
            for (int k = 1; k < n; k++) if (scores[k] < scores[chosen]) chosen = k;
        }
        final int pick = chosen;
        // cell 0 is the query, cells 1..N the candidates in order
        return draw(n + 1, n + 1, src.height(), src.width(), 1, 1, (g, k, x, y, scale) -> {
            int side = src.width() * scale;
            if (k == 0) {
                drawImage(g, toBufferedImage(src.image(task.query())), x, y, scale);
                caption(g, "query", x, y + src.height() * scale, side, Color.BLACK);
                return;
            }
            int c = k - 1;
            drawImage(g, toBufferedImage(src.image(task.support(c))), x, y, scale);
            Color frame = c == task.answer() ? RIGHT : c == pick ? WRONG : null;
            if (frame != null) {
                g.setColor(frame);
                g.setStroke(new BasicStroke(3));
                g.drawRect(x - 1, y - 1, side + 1, src.height() * scale + 1);
            }
            String text = scores == null ? (c == task.answer() ? "match" : "") : String.format(Locale.ROOT, "%.3f", scores[c]);
            caption(g, text, x, y + src.height() * scale, side, frame == null ? Color.BLACK : frame);
        });
    }

    /** Images one above the other, left-aligned, on white. */
    public static BufferedImage stack(BufferedImage... rows) {
        if (rows.length == 0) throw new IllegalArgumentException("nothing to stack");
        int w = Arrays.stream(rows).mapToInt(BufferedImage::getWidth).max().getAsInt();
        int h = Arrays.stream(rows).mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int y = 0;
        for (BufferedImage r : rows) {
            g.drawImage(r, 0, y, null);
            y += r.getHeight();
        }
        g.dispose();
        return out;
    }

    /** The whole-number enlargement used for images of this size. */
    static int scaleFor(int h, int w) {
        int side = Math.max(h, w);
        return side >= MIN_SIDE ? 1 : (MIN_SIDE + side - 1) / side;
    }

    @FunctionalInterface
    private interface CellPainter {
        void paint(Graphics2D g, int k, int x, int y, int scale);
    }

    /**
     * Lays out {@code count} cells in rows of {@code cols}; a cell holds
     * {@code across} h x w images side by side (scaled, PAD apart) and
     * {@code captionLines} lines of text below.
     */
    private static BufferedImage draw(int count, int cols, int h, int w, int across, int captionLines, CellPainter painter) {
        if (count < 1) throw new IllegalArgumentException("nothing to draw");
        if (cols < 1) throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        int scale = scaleFor(h, w);
        int lineHeight = captionLines > 0 ? 14 : 0;
        int cellW = across * w * scale + (across - 1) * PAD + 2 * PAD, cellH = h * scale + 2 * PAD + captionLines * lineHeight;
        int c = Math.min(cols, count), r = (count + cols - 1) / cols;
        BufferedImage out = new BufferedImage(c * cellW, r * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(FONT);
        for (int k = 0; k < count; k++) {
            painter.paint(g, k, (k % cols) * cellW + PAD, (k / cols) * cellH + PAD, scale);
        }
        g.dispose();
        return out;
    }

    private static void drawImage(Graphics2D g, BufferedImage img, int x, int y, int scale) {
        g.drawImage(img, x, y, img.getWidth() * scale, img.getHeight() * scale, null);
    }

    /** Centred text under a picture, shortened with "..." to fit. */
    private static void caption(Graphics2D g, String text, int x, int y, int width, Color color) {
        FontMetrics fm = g.getFontMetrics();
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t) > width + 2 * PAD) t = t.substring(0, t.length() - 2) + "…";
        g.setColor(color);
        g.drawString(t, x + (width - fm.stringWidth(t)) / 2, y + fm.getAscent() + 1);
    }

    private static void requireBatch(INDArray images) {
        if (images.rank() != 4 || images.size(1) != 1) {
            throw new IllegalArgumentException("expected images [n, 1, h, w], got " + Arrays.toString(images.shape()));
        }
    }
}
