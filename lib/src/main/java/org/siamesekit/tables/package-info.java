/**
 * Results as Tablesaw tables ({@link org.siamesekit.tables.Tables}), shown as
 * HTML by the kit's shared renderer and written as CSV. Uses {@code evaluation},
 * {@code files} and the {@code display} module.
 */
package org.siamesekit.tables;
