package org.siamesekit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command line for the data folder, used by the setup script.
 *
 * <pre>
 *   DataCli ensure [all|orl|fashion|omniglot|omniglot-background|omniglot-evaluation ...]
 *   DataCli status [names ...]     check what is in the data folder, change nothing
 *   DataCli where                  print the data folder and the mirror
 * </pre>
 * With no names, "all". Exit status 0 when everything asked for is in place
 * and good, 1 otherwise (the reason is printed on stderr), 2 for bad usage.
 */
public final class DataCli {
    private DataCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<Dataset> datasets;
        try {
            datasets = parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            switch (command) {
                case "ensure" -> {
                    DataManager dm = DataManager.fromEnvironment(System.getenv(), java.nio.file.Path.of("").toAbsolutePath())
                            .verbose(true).build();
                    System.out.println("Data folder: " + dm.dataDir() + (dm.mirror() != null ? "  (mirror: " + dm.mirror() + ")" : ""));
                    for (Dataset d : datasets) {
                        System.out.println(d.title() + ":");
                        dm.ensure(d);
                    }
                    System.out.println("All requested datasets are in place.");
                    return 0;
                }
                case "status" -> {
                    DataManager dm = DataManager.standard();
                    System.out.println("Data folder: " + dm.dataDir());
                    boolean allGood = true;
                    for (Dataset d : datasets) {
                        for (DataManager.FileStatus s : dm.status(d)) {
                            allGood &= s.good();
                            System.out.println((s.good() ? "ok       " : s.present() ? "BAD      " : "missing  ") + s.file().path()
                                    + (s.present() ? "  " + s.detail().replace("\n", "\n         ") : ""));
                        }
                    }
                    return allGood ? 0 : 1;
                }
                case "where" -> {
                    DataManager dm = DataManager.standard();
                    System.out.println("data:   " + dm.dataDir());
                    System.out.println("mirror: " + (dm.mirror() == null ? "(none; set " + DataManager.MIRROR_ENV + ")" : dm.mirror()));
                    return 0;
                }
                default -> {
                    System.err.println("unknown command '" + command + "'");
                    usage();
                    return 2;
                }
            }
        } catch (DataException | org.siamesekit.readers.MalformedFileException e) {
            System.out.flush();
            System.err.println("ERROR: " + e.getMessage());
            return 1;
        }
    }

    private static List<Dataset> parse(String[] names) {
        if (names.length == 0) return List.of(Dataset.values());
        Set<Dataset> out = new LinkedHashSet<>();
        for (String n : names) out.addAll(Dataset.parse(n));
        return new ArrayList<>(out);
    }

    private static void usage() {
        System.err.println("usage: DataCli ensure|status [all|orl|fashion|omniglot|omniglot-background|omniglot-evaluation ...]");
        System.err.println("       DataCli where");
        System.err.println("env: " + DataManager.DATA_ENV + " (data folder), " + DataManager.MIRROR_ENV + " (folder to copy from)");
    }
}
