package org.assemblybot.core.chat;

import java.util.Objects;
import java.util.Set;

/**
 * A file someone sent, as the bot can post it again elsewhere ("forward"): what describes it and its media
 * reference, never its content. The new event points at the same stored media, so re-posting downloads and
 * uploads nothing and no decrypted copy is made. The media reference of an encrypted file holds its key, so
 * it is a secret like the content itself: {@link #toString()} gives neither it, the name nor the caption (P2).
 *
 * @param msgtype  {@code m.file}, {@code m.audio}, {@code m.image} or {@code m.video}: what clients show
 * @param fileName the name it was sent under
 * @param mimeType as the sender declared it, or null
 * @param size     in bytes as the sender declared it, or null
 * @param media    the opaque reference from {@link ChatEvent.File#media()}: only the chat adapter reads it
 * @param caption  the text clients show with the file, or null for just its name
 */
public record SharedFile(String msgtype, String fileName, String mimeType, Long size, String media,
                         String caption) {
    private static final Set<String> MSGTYPES = Set.of("m.file", "m.audio", "m.image", "m.video");
    /** A plain file's reference is its content URI; anything else may hold a key. */
    private static final String PLAIN_PREFIX = "mxc://";

    public SharedFile {
        Objects.requireNonNull(msgtype, "msgtype");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(media, "media");
        if (!MSGTYPES.contains(msgtype)) {
            throw new IllegalArgumentException("not a file message type: " + msgtype);
        }
        if (media.isBlank()) {
            throw new IllegalArgumentException("a shared file needs its media reference");
        }
        if (caption != null && (caption.isBlank() || caption.length() > Attachment.MAX_CAPTION)) {
            throw new IllegalArgumentException("a caption is null, or 1 to " + Attachment.MAX_CAPTION
                    + " characters");
        }
    }

    /** The file {@code received} describes, to be posted again as it was sent, without caption. */
    public static SharedFile from(ChatEvent.File received) {
        return new SharedFile(received.msgtype(), received.fileName(), received.mimeType(), received.size(),
                received.media(), null);
    }

    /** The same file with {@code text} shown beside it (e.g. where it comes from). */
    public SharedFile withCaption(String text) {
        return new SharedFile(msgtype, fileName, mimeType, size, media, text);
    }

    /**
     * Whether the media is encrypted, its reference holding the key: such a file goes only into encrypted
     * rooms, where the key travels inside an encrypted event. Anything but a plain content URI counts as
     * encrypted, so a reference of an unexpected shape never reaches a room in clear.
     */
    public boolean encryptedMedia() {
        return !media.startsWith(PLAIN_PREFIX);
    }

    /** The event's {@code body}: the caption when there is one, else the file name (as clients do it). */
    public String body() {
        return caption != null ? caption : fileName;
    }

    /** Never the name, caption or media reference (P2): the reference may hold the file's key. */
    @Override
    public String toString() {
        return "SharedFile[" + msgtype + ", " + mimeType + ", " + (size != null ? size + " bytes" : "size unknown")
                + ", " + (encryptedMedia() ? "encrypted" : "plain") + "]";
    }
}
