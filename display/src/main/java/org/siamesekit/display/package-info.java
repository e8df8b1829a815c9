/**
 * How notebook output looks, shared by the kit's library and its kernel so a
 * table renders the same under either: {@link org.siamesekit.display.TableHtml}
 * turns a Tablesaw table into HTML. Uses nothing of the kit; read by
 * reflection ({@link org.siamesekit.display.ClassNames}), so the kernel need not link
 * Tablesaw or XChart.
 */
package org.siamesekit.display;
