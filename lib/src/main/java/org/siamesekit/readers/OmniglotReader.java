package org.siamesekit.readers;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;


/**
 * Reads Omniglot straight from its zip files ({@code images_background.zip},
 * {@code images_evaluation.zip}); nothing is extracted to disk.
 *
 * <p>Layout inside a zip: {@code <root>/<Alphabet>/characterNN/CCCC_DD.png},
 * where CCCC is the character's number across the whole dataset and DD the
 * drawer. Every file entry must follow it: a character folder's files must
 * all carry the same CCCC, no drawer may appear twice, and no two folders may
 * share a CCCC. Directory entries, and the {@code __MACOSX/} and
 * {@code .DS_Store} clutter that macOS zip tools add, are ignored.
 *
 * <p>Pixels: the PNGs are 105 x 105, 1-bit grey, black strokes on white. The
 * kit stores <b>ink as 1 and background as 0</b> (the inverse of the file):
 * the input is then mostly zeros, which matches the zero padding of
 * convolutions, and it is the usual choice for training on Omniglot. An
 * optional integer factor shrinks images by block averaging (see
 * {@link Downsample}): 3 gives 35 x 35, 2 gives 52 x 52.
 *
 * <p>Decoding: the dataset's 1-bit grey PNGs go through a small direct decoder
 * (several times faster than ImageIO for such tiny images); any other PNG
 * flavour through ImageIO. Both give the same pixels (tested).
 *
 * <p>Classes: one per character folder, named "Alphabet/characterNN", ordered
 * by alphabet name then character number; each class's group is its alphabet.
 * Images are ordered by class, then drawer. PNGs are decoded in parallel.
 */
public final class OmniglotReader {
    /** Side of every Omniglot image. */
    public static final int SIZE = 105;

    private static final Pattern ENTRY = Pattern.compile("([^/]+)/([^/]+)/(character(\\d+))/(\\d{4})_(\\d{2})\\.png");

    private OmniglotReader() {}

    /** One character folder of the zip. */
    public record Character(String alphabet, String folder, int number, int characterId, List<Drawing> drawings) {
        /** The class name, "Alphabet/characterNN". */
        public String className() { return alphabet + "/" + folder; }
    }

    /** One PNG: its zip entry and drawer number. */
    public record Drawing(String entry, int drawer) {}

    /** The validated names of an Omniglot zip, before any image is decoded. */
    public record Index(Path zip, String root, List<Character> characters) {
        public int imageCount() { return characters.stream().mapToInt(c -> c.drawings().size()).sum(); }

        public List<String> alphabets() {
            return characters.stream().map(Character::alphabet).distinct().toList();
        }
    }

    /** Lists and validates the entry names of an Omniglot zip (fast: decodes nothing). */
    public static Index index(Path zip) {
        String src = zip.toString();
        String root = null;
        // alphabet -> folder -> character
        Map<String, Map<String, Builder>> tree = new TreeMap<>();
        Map<Integer, String> folderOfId = new HashMap<>();
        try (ZipFile zf = open(zip)) {
            for (ZipEntry e : java.util.Collections.list(zf.entries())) {
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("__MACOSX/") || name.endsWith(".DS_Store")) continue;
                Matcher m = ENTRY.matcher(name);
                if (!m.matches()) {
                    throw new MalformedFileException(src, "unexpected entry '" + name
                            + "' (expected <root>/<Alphabet>/characterNN/CCCC_DD.png)");
                }
                if (root == null) root = m.group(1);
                else if (!root.equals(m.group(1))) {
                    throw new MalformedFileException(src, "entry '" + name + "' is not under the same top folder '" + root + "/' as the others");
                }
                String alphabet = m.group(2), folder = m.group(3);
                int id = Integer.parseInt(m.group(5)), drawer = Integer.parseInt(m.group(6));
                Builder b = tree.computeIfAbsent(alphabet, a -> new TreeMap<>())
                        .computeIfAbsent(folder, f -> new Builder(alphabet, f, Integer.parseInt(m.group(4)), id));
                if (b.characterId != id) {
                    throw new MalformedFileException(src, "entry '" + name + "' has character number " + m.group(5)
                            + " but the other files of " + alphabet + "/" + folder + " have " + String.format("%04d", b.characterId));
                }
                String owner = folderOfId.putIfAbsent(id, alphabet + "/" + folder);
                if (owner != null && !owner.equals(alphabet + "/" + folder)) {
                    throw new MalformedFileException(src, "character number " + m.group(5) + " is used by both " + owner
                            + " and " + alphabet + "/" + folder);
                }
                if (b.drawings.putIfAbsent(drawer, new Drawing(name, drawer)) != null) {
                    throw new MalformedFileException(src, "drawer " + m.group(6) + " appears twice in " + alphabet + "/" + folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
        }
        if (root == null) {
            throw new MalformedFileException(src, "no Omniglot images (<root>/<Alphabet>/characterNN/CCCC_DD.png) in this zip");
        }
        List<Character> chars = new ArrayList<>();
        for (Map<String, Builder> folders : tree.values()) {
            folders.values().stream().sorted(Comparator.comparingInt((Builder b) -> b.number).thenComparing(b -> b.folder))
                    .forEach(b -> chars.add(new Character(b.alphabet, b.folder, b.number, b.characterId,
                            List.copyOf(b.drawings.values()))));
        }
        return new Index(zip, root, List.copyOf(chars));
    }

    /** Where decoded images go, by their position in the index's order (called from several threads). */
    @FunctionalInterface
    public interface ImageSink {
        void put(int position, float[] pixels);
    }

    /**
     * Decodes every image listed in an index, shrunk by {@code factor} (1 = full
     * resolution), in the index's order: characters in turn, each character's
     * drawings in turn.
     */
    public static void decodeAll(Index index, int factor, ImageSink sink) {
        Downsample.size(SIZE, factor); // checks the factor
        List<String> entries = new ArrayList<>(index.imageCount());
        for (Character ch : index.characters()) {
            for (Drawing d : ch.drawings()) entries.add(d.entry());
        }
        try (ZipFile zf = open(index.zip())) {
            // ZipFile serves concurrent entry streams; PNG decoding is the cost, so spread it
            IntStream.range(0, entries.size()).parallel().forEach(i -> {
                float[] ink = new float[SIZE * SIZE];
                decode(zf, entries.get(i), index.zip() + "!" + entries.get(i), ink);
                sink.put(i, factor == 1 ? ink : Downsample.blockAverage(ink, SIZE, SIZE, factor));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index.zip() + ": " + e.getMessage(), e);
        }
    }

    private static final ThreadLocal<ImageReader> PNG = ThreadLocal.withInitial(() -> {
        var it = ImageIO.getImageReadersByFormatName("png");
        if (!it.hasNext()) throw new IllegalStateException("no PNG reader in ImageIO");
        return it.next();
    });

    /** Decodes one 105 x 105 PNG into ink values (1 = black stroke, 0 = white). */
    static void decode(ZipFile zf, String entry, String source, float[] ink) {
        byte[] bytes;
        try (InputStream in = zf.getInputStream(zf.getEntry(entry))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new MalformedFileException(source, "cannot read zip entry: " + e.getMessage(), e);
        }
        decode(bytes, source, ink);
    }

    /** Decodes PNG bytes (any grey bit depth) into ink values; the image must be 105 x 105 and single-channel. */
    public static void decode(byte[] png, String source, float[] ink) {
        if (BinaryPngDecoder.decode(png, source, SIZE, SIZE, ink)) return;
        decodeWithImageIO(png, source, ink);
    }

    /** The general path: any grey PNG ImageIO can read. */
    static void decodeWithImageIO(byte[] png, String source, float[] ink) {
        BufferedImage img;
        ImageReader reader = PNG.get();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            // the size from the header first: decoding a PNG that claims 40000 x 40000 would exhaust the heap
            int w = reader.getWidth(0), h = reader.getHeight(0);
            if (w != SIZE || h != SIZE) {
                throw new MalformedFileException(source, "image is " + w + "x" + h + ", expected " + SIZE + "x" + SIZE);
            }
            img = reader.read(0);
        } catch (MalformedFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedFileException(source, "not a readable PNG image (" + e.getMessage() + ")", e);
        } finally {
            reader.setInput(null);
        }
        if (img.getWidth() != SIZE || img.getHeight() != SIZE) {
            throw new MalformedFileException(source, "image is " + img.getWidth() + "x" + img.getHeight()
                    + ", expected " + SIZE + "x" + SIZE);
        }
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new MalformedFileException(source, "image has " + r.getNumBands() + " channels, expected 1 (grey)");
        }
        int[] s = r.getSamples(0, 0, SIZE, SIZE, 0, (int[]) null);
        if (img.getColorModel() instanceof IndexColorModel icm) {
            // Java decodes 1-bit grey PNGs with a two-entry palette; palette PNGs land here too
            float[] grey = new float[icm.getMapSize()];
            for (int v = 0; v < grey.length; v++) {
                if (icm.getRed(v) != icm.getGreen(v) || icm.getRed(v) != icm.getBlue(v)) {
                    throw new MalformedFileException(source, "image has a colour palette, expected grey");
                }
                grey[v] = icm.getRed(v) / 255f;
            }
            for (int i = 0; i < s.length; i++) ink[i] = 1f - grey[s[i]];
        } else {
            float max = (1 << r.getSampleModel().getSampleSize(0)) - 1;
            for (int i = 0; i < s.length; i++) ink[i] = 1f - s[i] / max;
        }
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new MalformedFileException(zip.toString(), "not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    private static final class Builder {
        final String alphabet, folder;
        final int number, characterId;
        final Map<Integer, Drawing> drawings = new TreeMap<>();

        Builder(String alphabet, String folder, int number, int characterId) {
            this.alphabet = alphabet;
            this.folder = folder;
            this.number = number;
            this.characterId = characterId;
        }
    }
}
