package org.siamesekit.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The datasets the kit knows, their files, and how to check and fetch them.
 *
 * <p>Checksums: {@code sha256} is that of the project's verified copy
 * (/work/shared/datasets/SHA256SUMS, repeated in data/SHA256SUMS). The ORL
 * and Omniglot zips of that copy were packed anew from the original image
 * files, so their SHA-256 differs from any upstream archive; for them the
 * registry also records a digest of the image entries (the same for any zip
 * holding the same images) and, for Omniglot, the upstream zips' MD5. The
 * Fashion-MNIST files are the upstream files unchanged (their MD5 is the one
 * published upstream); Debian's package re-compresses them, which the digest
 * of the decompressed data recognises.
 */
public enum Dataset {
    /** AT&amp;T (ORL) Database of Faces: 40 people x 10 photos, 92 x 112 PGM. */
    ORL_FACES("orl", "AT&T (ORL) Database of Faces", List.of(
            new DataFile("orl_faces/orl_faces.zip", 3_777_938L,
                    "7717eca31b5e0a0d8b284ce0bc5df832fec44a8a2be68634f27d8cde92832630",
                    null, // the original archives' checksums could not be confirmed
                    DataFile.Content.zipEntries("(?:[^/]+/)?(s\\d+/\\d+\\.pgm)",
                            "8c80b06e35c3358a5d7867f944c93ab53e76d496bba2feed16899d1abdf31db7"),
                    List.of(URI.create("http://www.cl.cam.ac.uk/Research/DTG/attarchive/pub/data/att_faces.zip")),
                    null))),

    /** Fashion-MNIST: 60,000 training and 10,000 test images, 28 x 28, 10 classes. */
    FASHION_MNIST("fashion", "Fashion-MNIST", List.of(
            fashion("train-images-idx3-ubyte.gz", 26_421_880L,
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            fashion("train-labels-idx1-ubyte.gz", 29_515L,
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "25c81989df183df01b3e8a0aad5dffbe",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            fashion("t10k-images-idx3-ubyte.gz", 4_422_102L,
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "bef4ecab320f06d8554ea6380940ec79",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            fashion("t10k-labels-idx1-ubyte.gz", 5_148L,
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                    "bb300cfdad3c16e7a12a480ee83cd310",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"))),

    /** Omniglot background set: 30 alphabets, 964 characters, 19,280 images of 105 x 105. */
    OMNIGLOT_BACKGROUND("omniglot-background", "Omniglot (background set)", List.of(
            omniglot("images_background.zip", 8_588_032L,
                    "7a4cae547f16207901bd3acaabd866c1dbbef4d559dff26d797dbc6423a64a1e",
                    "68d2efa1b9178cc56df9314c21c6e718",
                    "f65c5c36f7b431ebb0dd3bdd6a497029c544b05915b68613c990ddc6210f9401"))),

    /** Omniglot evaluation set: 20 alphabets, 659 characters, 13,180 images of 105 x 105. */
    OMNIGLOT_EVALUATION("omniglot-evaluation", "Omniglot (evaluation set)", List.of(
            omniglot("images_evaluation.zip", 5_863_926L,
                    "d84af890b3ea334eca90f1cb04c6111603a1b620d66b82f86414b8707fbd0e8d",
                    "6b91aef0f799c5bb55b94e3f2daec811",
                    "da4dba1a67205352ebab09571f83b5dcc78956dcf43829b0e34b5360441a14ee")));

    private final String id;
    private final String title;
    private final List<DataFile> files;

    Dataset(String id, String title, List<DataFile> files) {
        this.id = id;
        this.title = title;
        this.files = files;
    }

    /** Short name used on the command line, e.g. "orl". */
    public String id() { return id; }

    public String title() { return title; }

    public List<DataFile> files() { return files; }

    /** The file with this name (without folders). */
    public DataFile file(String fileName) {
        return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this + " has no file " + fileName));
    }

    /**
     * Datasets by command-line name: "all", "orl", "fashion", "omniglot" (both
     * sets), "omniglot-background", "omniglot-evaluation"; case-insensitive.
     */
    public static List<Dataset> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("all")) return List.of(values());
        if (n.equals("omniglot")) return List.of(OMNIGLOT_BACKGROUND, OMNIGLOT_EVALUATION);
        List<Dataset> out = new ArrayList<>();
        for (Dataset d : values()) if (d.id.equals(n) || d.name().toLowerCase(Locale.ROOT).equals(n)) out.add(d);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: all, omniglot, "
                    + Arrays.stream(values()).map(Dataset::id).collect(Collectors.joining(", ")));
        }
        return out;
    }

    private static DataFile fashion(String name, long size, String sha256, String md5, String payloadSha256) {
        return new DataFile("fashion-mnist/" + name, size, sha256, md5, DataFile.Content.gzipPayload(payloadSha256),
                List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/" + name),
                        URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/" + name)),
                "/usr/share/datasets/fashion-mnist/" + name);
    }

    private static DataFile omniglot(String name, long size, String sha256, String md5, String entriesSha256) {
        return new DataFile("omniglot/" + name, size, sha256, md5,
                DataFile.Content.zipEntries("[^/]+/([^/]+/character\\d+/\\d{4}_\\d{2}\\.png)", entriesSha256),
                List.of(URI.create("https://raw.githubusercontent.com/brendenlake/omniglot/master/python/" + name)),
                null);
    }
}
