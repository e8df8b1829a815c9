package org.siamesekit.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.siamesekit.readers.Downsample;
import org.siamesekit.readers.MalformedFileException;
import org.siamesekit.readers.OmniglotReader;

/**
 * Omniglot: 1,623 handwritten characters from 50 alphabets, each drawn by 20
 * people; 105 x 105 images. The background set (30 alphabets) is for
 * training, the evaluation set (20 other alphabets) for one-shot tests.
 *
 * <p>Read straight from the zips by {@link OmniglotReader}: ink is 1, paper 0;
 * class names "Alphabet/characterNN", class groups the alphabets. Before any
 * image is decoded the zip's structure is checked against the dataset:
 * the expected top folder and alphabets, character count, character numbers
 * and exactly 20 drawers (01..20) per character.
 */
public final class Omniglot {
    public static final int DRAWERS = 20;

    /** The two sets, with what each must hold. */
    public enum Split {
        BACKGROUND(Dataset.OMNIGLOT_BACKGROUND, "images_background", 964, 1, List.of(
                "Alphabet_of_the_Magi", "Anglo-Saxon_Futhorc", "Arcadian", "Armenian", "Asomtavruli_(Georgian)",
                "Balinese", "Bengali", "Blackfoot_(Canadian_Aboriginal_Syllabics)", "Braille", "Burmese_(Myanmar)",
                "Cyrillic", "Early_Aramaic", "Futurama", "Grantha", "Greek", "Gujarati", "Hebrew",
                "Inuktitut_(Canadian_Aboriginal_Syllabics)", "Japanese_(hiragana)", "Japanese_(katakana)", "Korean",
                "Latin", "Malay_(Jawi_-_Arabic)", "Mkhedruli_(Georgian)", "N_Ko", "Ojibwe_(Canadian_Aboriginal_Syllabics)",
                "Sanskrit", "Syriac_(Estrangelo)", "Tagalog", "Tifinagh")),
        EVALUATION(Dataset.OMNIGLOT_EVALUATION, "images_evaluation", 659, 965, List.of(
                "Angelic", "Atemayar_Qelisayer", "Atlantean", "Aurek-Besh", "Avesta", "Ge_ez", "Glagolitic",
                "Gurmukhi", "Kannada", "Keble", "Malayalam", "Manipuri", "Mongolian", "Old_Church_Slavonic_(Cyrillic)",
                "Oriya", "Sylheti", "Syriac_(Serto)", "Tengwar", "Tibetan", "ULOG"));

        public final Dataset dataset;
        public final String root;
        public final int characters;
        public final int firstCharacterId;
        public final List<String> alphabets;

        Split(Dataset dataset, String root, int characters, int firstCharacterId, List<String> alphabets) {
            this.dataset = dataset;
            this.root = root;
            this.characters = characters;
            this.firstCharacterId = firstCharacterId;
            this.alphabets = alphabets;
        }

        public int images() { return characters * DRAWERS; }
    }

    private Omniglot() {}

    /** The background set (19,280 images), shrunk by {@code downsample} (1 = 105 x 105, 3 = 35 x 35). */
    public static LabelledImages background(DataManager data, int downsample) {
        return load(data, Split.BACKGROUND, downsample);
    }

    /** The evaluation set (13,180 images), shrunk by {@code downsample}. */
    public static LabelledImages evaluation(DataManager data, int downsample) {
        return load(data, Split.EVALUATION, downsample);
    }

    /** One set, made available by {@code data}, checked and decoded. */
    public static LabelledImages load(DataManager data, Split split, int downsample) {
        data.ensure(split.dataset);
        return read(data.path(split.dataset.files().get(0)), split, downsample);
    }

    /** Checks a zip's structure against {@code split}, then decodes it. */
    public static LabelledImages read(Path zip, Split split, int downsample) {
        return decode(checkStructure(zip, split), downsample);
    }

    /** Decodes every image an index lists, shrunk by {@code factor}: one class per character, alphabets as groups. */
    public static LabelledImages decode(OmniglotReader.Index index, int factor) {
        int side = Downsample.size(OmniglotReader.SIZE, factor);
        List<OmniglotReader.Character> chars = index.characters();
        int[] labels = new int[index.imageCount()];
        List<String> names = new ArrayList<>(), groups = new ArrayList<>();
        int k = 0;
        for (int c = 0; c < chars.size(); c++) {
            names.add(chars.get(c).className());
            groups.add(chars.get(c).alphabet());
            for (int d = 0; d < chars.get(c).drawings().size(); d++) labels[k++] = c;
        }
        ImageArrayBuilder out = new ImageArrayBuilder(labels.length, side, side);
        OmniglotReader.decodeAll(index, factor, out::put);
        return new LabelledImages(out.build(), labels, names, groups);
    }

    /** Checks a zip's names against what {@code split} must hold (decodes nothing). */
    public static OmniglotReader.Index checkStructure(Path zip, Split split) {
        OmniglotReader.Index index = OmniglotReader.index(zip);
        String src = zip.toString();
        if (!index.root().equals(split.root)) {
            throw new MalformedFileException(src, "top folder is '" + index.root() + "/', expected '" + split.root
                    + "/' for the " + split.name().toLowerCase() + " set");
        }
        List<String> alphabets = index.alphabets();
        if (!alphabets.equals(split.alphabets)) {
            List<String> missing = new ArrayList<>(split.alphabets);
            missing.removeAll(alphabets);
            List<String> extra = new ArrayList<>(alphabets);
            extra.removeAll(split.alphabets);
            throw new MalformedFileException(src, alphabets.size() + " alphabets, expected the " + split.alphabets.size()
                    + " of the " + split.name().toLowerCase() + " set" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        if (index.characters().size() != split.characters) {
            throw new MalformedFileException(src, index.characters().size() + " characters, expected " + split.characters);
        }
        int lo = split.firstCharacterId, hi = split.firstCharacterId + split.characters - 1;
        for (OmniglotReader.Character c : index.characters()) {
            if (c.characterId() < lo || c.characterId() > hi) {
                throw new MalformedFileException(src, c.className() + " has character number " + c.characterId()
                        + ", outside " + lo + ".." + hi + " of the " + split.name().toLowerCase() + " set");
            }
            List<OmniglotReader.Drawing> d = c.drawings();
            boolean ok = d.size() == DRAWERS;
            for (int i = 0; ok && i < DRAWERS; i++) ok = d.get(i).drawer() == i + 1;
            if (!ok) {
                throw new MalformedFileException(src, c.className() + " has drawers "
                        + d.stream().map(x -> String.format("%02d", x.drawer())).toList() + ", expected 01.." + DRAWERS);
            }
        }
        return index;
    }
}
