package org.siamesekit.models.samediff;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * The ND4J version the {@link Workaround}s were written and measured for. On
 * another version each may be unneeded or wrong: docs/nd4j-workarounds.md says
 * how to check and remove them.
 */
public final class Nd4jVersion {
    /** The version the workarounds were written for. */
    public static final String EXPECTED = "1.0.0-M2.1";
    private static volatile boolean warned;

    private Nd4jVersion() {}

    /** The version of nd4j-api on the class path, from its Maven metadata; "unknown" if absent. */
    public static String current() {
        String res = "/META-INF/maven/org.nd4j/nd4j-api/pom.properties";
        try (InputStream in = Nd4j.class.getResourceAsStream(res)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether the workarounds were written for the ND4J in use. */
    public static boolean matches() { return EXPECTED.equals(current()); }

    /** Logs a warning, once per JVM, when the ND4J in use is another version. */
    public static void warnIfDifferent() {
        if (warned || matches()) return;
        warned = true;
        LoggerFactory.getLogger(Nd4jVersion.class).warn(
                "ND4J {} is in use; the kit's SameDiff workarounds were written for {}: "
                        + "see docs/nd4j-workarounds.md", current(), EXPECTED);
    }
}
