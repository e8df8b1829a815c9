package org.siamesekit.kernel.display;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.siamesekit.display.ClassNames;

/**
 * Renders XChart charts through XChart's own BitmapEncoder, reached by
 * reflection in the chart's class loader: the kernel does not depend on XChart,
 * the notebook classpath brings it.
 */
final class XChartImages {
    static final String CHART_CLASS = "org.knowm.xchart.internal.chartpart.Chart";
    static final String ENCODER_CLASS = "org.knowm.xchart.BitmapEncoder";

    private XChartImages() {}

    static boolean isChart(Object o) {
        return ClassNames.isA(o, CHART_CLASS);
    }

    static BufferedImage toImage(Object chart) {
        ClassLoader loader = chart.getClass().getClassLoader();
        try {
            Class<?> chartClass = Class.forName(CHART_CLASS, false, loader);
            Class<?> encoder = Class.forName(ENCODER_CLASS, true, loader);
            Method m = encoder.getMethod("getBufferedImage", chartClass);
            return (BufferedImage) m.invoke(null, chart);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("XChart could not draw the " + chart.getClass().getSimpleName()
                    + ": " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot reach XChart's BitmapEncoder for a "
                    + chart.getClass().getName() + ": " + e, e);
        }
    }

    /** A one-line text alternative, e.g. XYChart "Loss" (600x400). */
    static String describe(Object chart) {
        StringBuilder sb = new StringBuilder(chart.getClass().getSimpleName());
        try {
            Object title = chart.getClass().getMethod("getTitle").invoke(chart);
            if (title != null && !title.toString().isBlank()) sb.append(" \"").append(title).append('"');
            Object w = chart.getClass().getMethod("getWidth").invoke(chart);
            Object h = chart.getClass().getMethod("getHeight").invoke(chart);
            sb.append(" (").append(w).append('x').append(h).append(')');
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // the class name alone still says what it is
        }
        return sb.toString();
    }
}
