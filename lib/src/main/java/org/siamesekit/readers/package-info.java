/**
 * File formats, read and checked byte by byte: IDX (Fashion-MNIST), PGM (ORL
 * faces), Omniglot's zip of PNGs; a {@link org.siamesekit.readers.MalformedFileException}
 * names the file and what is wrong. Uses nothing of the kit.
 */
package org.siamesekit.readers;
