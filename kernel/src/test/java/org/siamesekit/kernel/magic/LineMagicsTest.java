package org.siamesekit.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LineMagicsTest {
    @Test
    void magicLinesAreParsedAndBlankedKeepingPositions() {
        String cell = "%jars libs/*.jar \"my dir/x.jar\"\nint a = 1;\n  %maven g:a:1.0\na % 2";
        LineMagics.Parsed p = LineMagics.parse(cell);
        assertEquals(List.of(
                new LineMagics.Call(1, "jars", List.of("libs/*.jar", "my dir/x.jar")),
                new LineMagics.Call(3, "maven", List.of("g:a:1.0"))), p.calls());
        assertEquals(cell.length(), p.code().length());
        assertEquals(cell.indexOf("int a"), p.code().indexOf("int a"));
        assertEquals(4, p.code().split("\n", -1).length);
        assertTrue(p.code().endsWith("\na % 2"));
        assertTrue(p.code().startsWith(" ".repeat(31) + "\n"));
    }

    @Test
    void cellsWithoutMagicsAreUnchanged() {
        String cell = "String s = \"%jars\";\nint m = 7 % 3;\r\n";
        LineMagics.Parsed p = LineMagics.parse(cell);
        assertEquals(cell, p.code());
        assertEquals(List.of(), p.calls());
    }

    @Test
    void argumentsSplitLikeAShell() {
        assertEquals(List.of("a b", "c", "d'e", "f g"), LineMagics.splitArgs(" 'a b'  c d\\'e \"f g\" ", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineMagics.splitArgs("'open", 4));
        assertTrue(e.getMessage().startsWith("line 4"), e.getMessage());
    }

    @Test
    void cellMagicsBelowTheFirstLineAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineMagics.transform("int x;\n%%loadFromPOM\n<project/>"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("%%loadFromPOM")
                && e.getMessage().contains("first line"), e.getMessage());
    }

    @Test
    void magicsBecomeCallsOnTheirOwnLine() {
        String cell = "int a = 1;\n%jars libs/*.jar \"my dir\"\nList<String> added = %classpath out\na % 2";
        String java = LineMagics.transform(cell);
        assertEquals("int a = 1;\n"
                + "lineMagic(\"jars\", List.of(\"libs/*.jar\", \"my dir\"));{};\n"
                + "List<String> added = lineMagic(\"classpath\", List.of(\"out\"));\n"
                + "a % 2", java);
    }

    @Test
    void percentInStringsComparisonsAndCommentsIsCode() {
        String cell = "String s = \"x = %jars\";\nboolean b = n ==%2;\n// y = %maven g:a:1\nint r = 7 % 3;";
        assertEquals(cell, LineMagics.transform(cell));
    }

    @Test
    void cellMagicTakesTheRestOfTheCellAsItsBody() {
        String java = LineMagics.transform("%%loadFromPOM compile\n<dependency>\"q\"</dependency>\n");
        assertEquals("cellMagic(\"loadFromPOM\", List.of(\"compile\"), \"<dependency>\\\"q\\\"</dependency>\\n\");{};", java);
        assertEquals(1, java.split("\n").length);
        assertTrue(LineMagics.parse("%%loadFromPOM\n<x/>").code().isBlank());
    }
}
