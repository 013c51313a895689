package org.assemblybot.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedFileTest {
    /** The shape the Matrix adapter gives an encrypted file's reference: it holds the key. */
    private static final String ENCRYPTED = "{\"url\":\"mxc://example.org/abc\",\"key\":{\"k\":\"s3cr3tK3y\"},"
            + "\"iv\":\"AAAA\",\"hashes\":{\"sha256\":\"x\"},\"v\":\"v2\"}";

    private static ChatEvent.File voiceNote(String media) {
        return new ChatEvent.File(new RoomId("!dm:example.org"), new EventId("$voice"),
                new UserId("@ana:example.org"), Instant.parse("2026-06-01T10:00:00Z"), "m.audio",
                "strike-plans.ogg", "audio/ogg", 4096L, media, null, true);
    }

    @Test
    void aReceivedFileIsSharedAsItWasSentWithoutCaption() {
        SharedFile file = SharedFile.from(voiceNote(ENCRYPTED));
        assertEquals(new SharedFile("m.audio", "strike-plans.ogg", "audio/ogg", 4096L, ENCRYPTED, null), file);
        assertEquals("strike-plans.ogg", file.body());
        assertEquals("From the assembly in Lyon", file.withCaption("From the assembly in Lyon").body());
        assertEquals(ENCRYPTED, file.withCaption("From Lyon").media(), "the caption changes nothing else");
    }

    @Test
    void onlyAPlainContentUriCountsAsUnencrypted() {
        assertTrue(SharedFile.from(voiceNote(ENCRYPTED)).encryptedMedia());
        assertFalse(SharedFile.from(voiceNote("mxc://example.org/plain")).encryptedMedia());
        assertTrue(SharedFile.from(voiceNote("https://example.org/plain")).encryptedMedia(),
                "an unexpected shape is kept out of unencrypted rooms");
    }

    @Test
    void itsTextNeverHoldsTheNameCaptionOrMediaReference() {
        String text = SharedFile.from(voiceNote(ENCRYPTED)).withCaption("Minutes of the picket").toString();
        assertEquals("SharedFile[m.audio, audio/ogg, 4096 bytes, encrypted]", text);
        for (String secret : new String[] {"strike-plans", "Minutes", "s3cr3tK3y", "mxc://", "{"}) {
            assertFalse(text.contains(secret), secret);
        }
        assertEquals("SharedFile[m.file, null, size unknown, plain]",
                new SharedFile("m.file", "x.pdf", null, null, "mxc://example.org/plain", null).toString());
    }

    @Test
    void kindsReferencesAndCaptionsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new SharedFile("m.text", "a.ogg", null, null, "mxc://example.org/a", null));
        assertThrows(IllegalArgumentException.class, () -> new SharedFile("m.file", "a.ogg", null, null, " ", null));
        assertThrows(NullPointerException.class, () -> new SharedFile("m.file", "a.ogg", null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SharedFile("m.file", "a.ogg", null, null, "mxc://example.org/a", " "));
        assertThrows(IllegalArgumentException.class, () -> new SharedFile("m.file", "a.ogg", null, null,
                "mxc://example.org/a", "x".repeat(Attachment.MAX_CAPTION + 1)));
        for (String kind : new String[] {"m.file", "m.audio", "m.image", "m.video"}) {
            assertEquals(kind, new SharedFile(kind, "a", null, null, "mxc://example.org/a", null).msgtype());
        }
    }
}
