package org.siamesekit.kernel.display;

import java.util.Map;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.siamesekit.display.TableHtml;

/**
 * The kernel's renderer: basekernel's (images as image/png, everything else as
 * its toString) plus XChart charts as image/png and Tablesaw tables as an HTML
 * table. Charts and tables are recognised by class name, since the kernel does
 * not link against those libraries. Both cell results and lib's
 * {@code Notebook.display} (which calls {@code kernel.getRenderer().render(o)})
 * go through here, so they look the same.
 */
public class KitRenderer extends Renderer {
    public KitRenderer() {
        Image.registerAll(this);
        Url.registerAll(this);
        Text.registerAll(this);
    }

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        DisplayData rich = renderKnownLibraries(value);
        return rich != null ? rich : textAsString(super.render(value, params));
    }

    @Override
    public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
        DisplayData rich = renderKnownLibraries(value);
        return rich != null ? rich : textAsString(super.renderAs(value, params, types));
    }

    /**
     * basekernel puts a CharSequence (a StringBuilder, say) into text/plain as the
     * object itself, which would reach the JSON encoder as an object, not text.
     */
    private static DisplayData textAsString(DisplayData d) {
        Object text = d.getData(MIMEType.TEXT_PLAIN);
        if (text != null && !(text instanceof String)) d.putText(text.toString());
        return d;
    }

    private static DisplayData renderKnownLibraries(Object value) {
        if (value == null) return new DisplayData("null");
        if (XChartImages.isChart(value)) {
            DisplayData d = new DisplayData(XChartImages.describe(value));
            d.putData(MIMEType.IMAGE_PNG, Png.base64(XChartImages.toImage(value)));
            return d;
        }
        if (TableHtml.isTable(value)) {
            DisplayData d = new DisplayData(String.valueOf(value));
            d.putHTML(TableHtml.of(value));
            return d;
        }
        return null;
    }
}
