package org.siamesekit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;

class TrainingHistoryTest {
    @Test
    void tablePrintsSecondsToATenthButKeepsTheirValue() {
        TrainingHistory h = new TrainingHistory();
        h.add(new TrainingHistory.Row(0, 12, 0.6908358067274094, 0.3844588100910187, Double.NaN, 1.615923904));
        DoubleColumn seconds = (DoubleColumn) h.table().column("seconds");
        assertEquals("1.6", seconds.getString(0));
        assertEquals(1.615923904, seconds.get(0), 0.0);
        assertTrue(h.toCsv().contains(",1.615923904"), "the CSV inside saved models keeps every digit");
    }
}
