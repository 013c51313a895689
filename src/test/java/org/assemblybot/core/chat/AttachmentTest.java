package org.assemblybot.core.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttachmentTest {
    @Test
    void aMarkdownFileIsUtf8TextWhoseBodyIsItsCaptionElseItsName() {
        Attachment file = Attachment.markdown("history.md", "# Rotation – März", "History of the chair");
        assertEquals("text/markdown; charset=utf-8", file.mimeType());
        assertArrayEquals("# Rotation – März".getBytes(StandardCharsets.UTF_8), file.bytes());
        assertEquals("History of the chair", file.body());
        assertEquals("history.md", Attachment.markdown("history.md", "x", null).body());
        assertFalse(file.isAudio());
        assertTrue(new Attachment("voice.ogg", "Audio/Ogg", new byte[1]).isAudio(), "MIME types are case-blind");
    }

    @Test
    void sizesNamesAndTypesAreChecked() {
        assertEquals(Attachment.MAX_BYTES, new Attachment("big.bin", "application/octet-stream",
                new byte[Attachment.MAX_BYTES]).size());
        assertThrows(IllegalArgumentException.class, () -> new Attachment("big.bin", "application/octet-stream",
                new byte[Attachment.MAX_BYTES + 1]));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("../etc/passwd", "text/plain", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Attachment(" ", "text/plain", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("a\nb.md", "text/plain", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("a.md", "markdown", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("a.md", "text/plain", new byte[1], " "));
    }

    @Test
    void theBytesCannotBeChangedFromOutsideAndNeverAppearInItsText() {
        byte[] bytes = "secret minutes".getBytes(StandardCharsets.UTF_8);
        Attachment file = new Attachment("minutes.md", "text/markdown", bytes, "Minutes");
        bytes[0] = 'X';
        file.bytes()[1] = 'Y';
        assertEquals("secret minutes", new String(file.bytes(), StandardCharsets.UTF_8));
        assertEquals(new Attachment("minutes.md", "text/markdown", "secret minutes".getBytes(StandardCharsets.UTF_8),
                "Minutes"), file);
        assertFalse(file.toString().contains("secret") || file.toString().contains("minutes"), file.toString());
    }
}
