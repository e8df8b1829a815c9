/**
 * How notebook output looks, shared by the kit's library and its kernel so a
 * table renders the same under either: {@link org.siamesekit.display.TableHtml}
 * turns a Tablesaw table into HTML. Uses nothing of the kit; read by
 * reflection, so the kernel need not link Tablesaw.
 */
package org.siamesekit.display;
