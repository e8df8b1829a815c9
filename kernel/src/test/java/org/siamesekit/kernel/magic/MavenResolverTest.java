package org.siamesekit.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MavenResolverTest {
    @Test
    void coordinatesFollowMavensForms() {
        assertEquals(new MavenResolver.Coordinate("g", "a", "jar", null, "1.0"), MavenResolver.Coordinate.parse("g:a:1.0"));
        assertEquals(new MavenResolver.Coordinate("g", "a", "pom", null, "2"), MavenResolver.Coordinate.parse(" g:a:pom:2 "));
        assertEquals(new MavenResolver.Coordinate("org.nd4j", "nd4j-native", "jar", "linux-x86_64", "1.0.0-M2.1"),
                MavenResolver.Coordinate.parse("org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1"));
        for (String bad : List.of("g:a", "g::1", "a:b:c:d:e:f", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenResolver.Coordinate.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void pomListsEachDependencyWithTypeAndClassifierWhenGiven() {
        String pom = MavenResolver.pomFor(List.of(
                MavenResolver.Coordinate.parse("com.google.code.gson:gson:2.8.5"),
                MavenResolver.Coordinate.parse("org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1")));
        assertTrue(pom.contains("<artifactId>gson</artifactId>\n      <version>2.8.5</version>\n    </dependency>"), pom);
        assertTrue(pom.contains("<classifier>linux-x86_64</classifier>"), pom);
        assertTrue(!pom.contains("<type>jar</type>"), pom);
    }
}
