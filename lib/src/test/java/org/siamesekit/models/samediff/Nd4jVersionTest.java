package org.siamesekit.models.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fails when the kit is built against another ND4J than the workarounds were
 * written for: then re-check each row of docs/nd4j-workarounds.md (its test,
 * and its gain with bench/workarounds.sh), remove what is no longer needed,
 * and update {@link Nd4jVersion#EXPECTED}.
 */
class Nd4jVersionTest {
    @Test
    void theWorkaroundsWereWrittenForTheNd4jInUse() {
        assertEquals(Nd4jVersion.EXPECTED, Nd4jVersion.current(),
                "ND4J changed: re-check docs/nd4j-workarounds.md row by row");
        assertTrue(Nd4jVersion.matches());
    }
}
