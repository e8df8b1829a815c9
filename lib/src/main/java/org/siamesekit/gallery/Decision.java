package org.siamesekit.gallery;

/**
 * The open-set answer for one probe: the nearest enrolled person and whether
 * the probe is close enough (distance &lt;= threshold) to be accepted as them.
 * A rejected probe is treated as a stranger.
 */
public record Decision(Match nearest, double threshold, boolean accepted) {
    /** The recognised name, or null when the probe is rejected. */
    public String name() { return accepted ? nearest.name() : null; }

    @Override
    public String toString() {
        return accepted
                ? String.format(java.util.Locale.ROOT, "accepted as %s (distance %.4f <= %.4f)", nearest.name(), nearest.distance(), threshold)
                : String.format(java.util.Locale.ROOT, "rejected (nearest %s at %.4f > %.4f)", nearest.name(), nearest.distance(), threshold);
    }
}
