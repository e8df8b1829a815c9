package org.siamesekit.models.samediff;

import java.util.Locale;

/**
 * The kit's workarounds for ND4J/SameDiff 1.0.0-M2.1, each switchable by a
 * system property so that a user can rule one out when a result looks wrong:
 * {@code -Dsiamesekit.nd4j.stepMemory=false} (or, in a notebook cell,
 * {@code System.setProperty("siamesekit.nd4j.stepMemory", "false")} before the
 * model is built or run). All are on by default. docs/nd4j-workarounds.md
 * gives each one's symptom, measured gain and removal condition.
 */
public enum Workaround {
    /** Run arrays from malloc, freed after each run ({@link StepMemory}). */
    STEP_MEMORY("stepMemory"),
    /** Weight-only backward pass of conv2d on images ({@link InputConv2D}). */
    INPUT_CONV2D("inputConv2D"),
    /** Drop SameDiff's "Added differentiated op" lines ({@link QuietOutput}). */
    QUIET_BACKWARD("quietBackward");

    private final String name;

    Workaround(String name) { this.name = name; }

    /** The system property that switches it: {@code siamesekit.nd4j.<name>}. */
    public String property() { return "siamesekit.nd4j." + name; }

    /** Read at each use, so a cell can switch it between two runs. */
    public boolean enabled() {
        String v = System.getProperty(property());
        if (v == null || v.isBlank()) return true;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new IllegalArgumentException(
                    property() + " must be true or false, got \"" + v + "\"");
        };
    }
}
