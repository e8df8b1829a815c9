package org.siamesekit.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CudaSupportTest {
    @Test
    void coversComputeCapabilities35To89WithARecentEnoughDriver() {
        for (String cc : new String[] {"3.5", "5.2", "6.1", "7.0", "7.5", "8.0", "8.6", "8.7", "8.9"}) {
            assertTrue(CudaSupport.decide("GPU, " + cc + ", 535.54.03", 0).cuda(), cc);
        }
        for (String cc : new String[] {"3.0", "9.0", "10.0", "12.0"}) {
            assertFalse(CudaSupport.decide("GPU, " + cc + ", 535.54.03", 0).cuda(), cc);
        }
        assertTrue(CudaSupport.decide("A100, 8.0, 450.80.02", 0).cuda());
        assertFalse(CudaSupport.decide("A100, 8.0, 450.80.01", 0).cuda());
        assertFalse(CudaSupport.decide("GPU, [N/A], 535.54.03", 0).definite());
        assertTrue(CudaSupport.decide("Some, Odd, Name, 8.6, 535.54.03", 0).cuda(), "commas in a name");
    }
}
