package org.siamesekit.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceLinesTest {
    private static final String TEXT = "first\n  second line\n\nfourth";

    @Test
    void linesAndColumns() {
        assertEquals(1, SourceLines.lineOf(TEXT, 0));
        assertEquals(1, SourceLines.lineOf(TEXT, 5));
        assertEquals(2, SourceLines.lineOf(TEXT, 6));
        assertEquals(4, SourceLines.lineOf(TEXT, TEXT.length()));
        assertEquals(2, SourceLines.columnOf(TEXT, 8));
        assertEquals("  second line", SourceLines.lineAt(TEXT, 10));
    }

    @Test
    void lineStarts() {
        assertEquals(0, SourceLines.startOfLine(TEXT, 1));
        assertEquals(6, SourceLines.startOfLine(TEXT, 2));
        assertEquals(8, SourceLines.firstNonBlankOfLine(TEXT, 2));
        assertEquals(20, SourceLines.firstNonBlankOfLine(TEXT, 3)); // blank line: its start
        assertEquals(-1, SourceLines.startOfLine(TEXT, 5));
    }
}
