package org.siamesekit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.siamesekit.readers.Downsample;
import org.siamesekit.readers.MalformedFileException;
import org.siamesekit.readers.PgmImage;
import org.siamesekit.readers.PgmReader;

/**
 * The AT&amp;T (ORL) Database of Faces: 40 people ("s1".."s40"), 10 photos each,
 * 92 pixels wide by 112 high, 8-bit grey PGM, read straight from its zip.
 *
 * <p>Labels 0..39 are people s1..s40 in numeric order; images are in order of
 * person, then photo number 1..10. Pixels are grey values / 255 in [0, 1]
 * (0 = black), as in the files. An optional integer factor shrinks images by
 * averaging k x k blocks: 2 gives 56 x 46 (each output pixel the mean of a
 * 2 x 2 block; 112 and 92 are even so nothing is dropped), handy on CPU.
 *
 * <p>The zip must hold exactly {@code [top/]sN/M.pgm} for N in 1..40 and M in
 * 1..10 (an optional single top folder, as in the kit's copy orl_faces/ or
 * none as in the original att_faces.zip), plus optionally the README that
 * came with the database; anything else is an error.
 */
public final class OrlFaces {
    public static final int PEOPLE = 40;
    public static final int PHOTOS_PER_PERSON = 10;
    public static final int WIDTH = 92;
    public static final int HEIGHT = 112;

    private static final Pattern IMAGE = Pattern.compile("((?:[^/]+/)?)s(\\d+)/(\\d+)\\.pgm");
    private static final Pattern README = Pattern.compile("(?:[^/]+/)?README");

    private OrlFaces() {}

    /** All 400 faces at full resolution, from the standard data folder. */
    public static LabelledImages load() {
        return load(DataManager.standard(), 1);
    }

    /** All 400 faces, made available by {@code data} and shrunk by {@code downsample} (1 = 112 x 92, 2 = 56 x 46). */
    public static LabelledImages load(DataManager data, int downsample) {
        data.ensure(Dataset.ORL_FACES);
        return read(data.path(Dataset.ORL_FACES.files().get(0)), downsample);
    }

    /** Reads and validates the faces from a zip file. */
    public static LabelledImages read(Path zip, int downsample) {
        int h = Downsample.size(HEIGHT, downsample), w = Downsample.size(WIDTH, downsample);
        String[][] entries = index(zip);
        ImageArrayBuilder out = new ImageArrayBuilder(PEOPLE * PHOTOS_PER_PERSON, h, w);
        int[] labels = new int[PEOPLE * PHOTOS_PER_PERSON];
        List<String> names = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            float[] full = new float[HEIGHT * WIDTH];
            for (int p = 0; p < PEOPLE; p++) {
                names.add("s" + (p + 1));
                for (int m = 0; m < PHOTOS_PER_PERSON; m++) {
                    String entry = entries[p][m];
                    String source = zip + "!" + entry;
                    PgmImage img;
                    try (InputStream in = zf.getInputStream(zf.getEntry(entry))) {
                        img = PgmReader.read(in, source);
                    }
                    if (img.width() != WIDTH || img.height() != HEIGHT) {
                        throw new MalformedFileException(source, "image is " + img.width() + "x" + img.height()
                                + " (width x height), expected " + WIDTH + "x" + HEIGHT);
                    }
                    int i = p * PHOTOS_PER_PERSON + m;
                    img.toFloats(full, 0);
                    out.put(i, downsample == 1 ? full : Downsample.blockAverage(full, HEIGHT, WIDTH, downsample));
                    labels[i] = p;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
        }
        return new LabelledImages(out.build(), labels, names);
    }

    /**
     * Checks the zip's entry names: exactly s1..s40, each with 1.pgm..10.pgm.
     *
     * @return entry names, [person-1][photo-1]
     */
    public static String[][] index(Path zip) {
        String src = zip.toString();
        Map<Integer, Map<Integer, String>> people = new TreeMap<>();
        String top = null;
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(zf.entries())) {
                String name = e.getName();
                if (e.isDirectory() || README.matcher(name).matches()) continue;
                Matcher m = IMAGE.matcher(name);
                if (!m.matches()) {
                    throw new MalformedFileException(src, "unexpected entry '" + name + "' (expected [folder/]sN/M.pgm)");
                }
                if (top == null) top = m.group(1);
                else if (!top.equals(m.group(1))) {
                    throw new MalformedFileException(src, "entry '" + name + "' is not under the same folder '" + top + "' as the others");
                }
                int person = Integer.parseInt(m.group(2)), photo = Integer.parseInt(m.group(3));
                if (person < 1 || person > PEOPLE || photo < 1 || photo > PHOTOS_PER_PERSON) {
                    throw new MalformedFileException(src, "unexpected entry '" + name + "': people are s1..s" + PEOPLE
                            + ", photos 1.pgm.." + PHOTOS_PER_PERSON + ".pgm");
                }
                if (people.computeIfAbsent(person, k -> new TreeMap<>()).put(photo, name) != null) {
                    throw new MalformedFileException(src, "two entries for s" + person + "/" + photo + ".pgm");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new MalformedFileException(src, "not a readable zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
        }
        String[][] out = new String[PEOPLE][PHOTOS_PER_PERSON];
        List<String> missing = new ArrayList<>();
        for (int p = 1; p <= PEOPLE; p++) {
            Map<Integer, String> photos = people.getOrDefault(p, Map.of());
            if (photos.isEmpty()) {
                missing.add("s" + p + "/");
                continue;
            }
            for (int m = 1; m <= PHOTOS_PER_PERSON; m++) {
                String e = photos.get(m);
                if (e == null) missing.add("s" + p + "/" + m + ".pgm");
                out[p - 1][m - 1] = e;
            }
        }
        if (!missing.isEmpty()) {
            throw new MalformedFileException(src, "expected " + PEOPLE + " people x " + PHOTOS_PER_PERSON + " photos; missing "
                    + (missing.size() > 8 ? missing.subList(0, 8) + " and " + (missing.size() - 8) + " more" : missing));
        }
        return out;
    }
}
