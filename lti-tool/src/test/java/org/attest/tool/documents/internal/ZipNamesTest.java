package org.attest.tool.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names inside an export ZIP cannot climb out of the folder it is unpacked in, nor trip Windows, nor collide. */
class ZipNamesTest {

    @Test
    void aPathBecomesOnePlainName() {
        assertThat(ZipNames.segment("../../etc/passwd", "file")).isEqualTo("_.._etc_passwd");
        assertThat(ZipNames.segment("/etc/passwd", "file")).isEqualTo("_etc_passwd");
        assertThat(ZipNames.segment("C:\\Windows\\win.ini", "file")).isEqualTo("C__Windows_win.ini");
        assertThat(ZipNames.segment("..", "file")).isEqualTo("file");
        assertThat(ZipNames.segment("  . ", "file")).isEqualTo("file");
        assertThat(ZipNames.segment(null, "file")).isEqualTo("file");
    }

    @Test
    void controlAndInvisibleCharactersAreReplaced() {
        assertThat(ZipNames.segment("a\u0000b\nc\u202Etxt.exe", "file")).isEqualTo("a_b_c_txt.exe");
    }

    @Test
    void namesWindowsReservesGetAnUnderscore() {
        assertThat(ZipNames.segment("con.txt", "file")).isEqualTo("_con.txt");
        assertThat(ZipNames.segment("LPT1", "file")).isEqualTo("_LPT1");
        assertThat(ZipNames.segment("aux.tar.gz", "file")).isEqualTo("_aux.tar.gz");
        assertThat(ZipNames.segment("console.txt", "file")).isEqualTo("console.txt");
    }

    @Test
    void aLongNameIsShortenedKeepingItsExtension() {
        String name = ZipNames.segment("x".repeat(300) + ".pdf", "file");
        assertThat(name).hasSize(ZipNames.MAX_SEGMENT).endsWith("xx.pdf");
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        ZipNames names = new ZipNames();
        assertThat(names.unique("evidence/1-a", "notes.txt")).isEqualTo("evidence/1-a/notes.txt");
        assertThat(names.unique("evidence/1-a", "NOTES.TXT")).isEqualTo("evidence/1-a/NOTES (2).TXT");
        assertThat(names.unique("evidence/1-a", "notes.txt")).isEqualTo("evidence/1-a/notes (3).txt");
        assertThat(names.unique("evidence/2-b", "notes.txt")).isEqualTo("evidence/2-b/notes.txt");
        String longName = "y".repeat(96) + ".pdf";
        assertThat(names.unique("", longName)).isEqualTo(longName);
        assertThat(names.unique("", longName)).hasSize(ZipNames.MAX_SEGMENT).endsWith(" (2).pdf");
    }

    @Test
    void aContributedPathKeepsItsFoldersButNeverClimbs() {
        assertThat(ZipNames.relative("records/observation-1.pdf", "document")).isEqualTo("records/observation-1.pdf");
        assertThat(ZipNames.relative("../../../etc/passwd", "document")).isEqualTo("etc/passwd");
        assertThat(ZipNames.relative("/abs//./x.pdf", "document")).isEqualTo("abs/x.pdf");
        assertThat(ZipNames.relative("..", "document")).isEqualTo("document");
    }
}
