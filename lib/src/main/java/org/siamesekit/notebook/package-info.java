/**
 * What notebooks call first: {@link org.siamesekit.notebook.Kit} (setup, quick
 * mode, seed, backend, output files) and {@link org.siamesekit.notebook.Notebook}
 * (showing and replacing output in the running kernel). May use any package.
 */
package org.siamesekit.notebook;
