package org.assemblybot.core.chat;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file the bot posts: its name as people see it, its MIME type, its bytes and an optional caption. The bot
 * generates these (a rotation's history as Markdown) or passes on what a person sent it, so they are small:
 * at most {@link #MAX_BYTES}. They wait in the outbox until sent, like any message's text, so their content
 * is never logged ({@link #toString()} gives the type and size only, P2).
 *
 * @param fileName the name clients show and save it under; no path, no control characters
 * @param mimeType e.g. {@code text/markdown}; {@code audio/*} is posted as audio ({@code m.audio})
 * @param bytes    the content; copied in and out, so nobody changes it while it waits
 * @param caption  the text clients show with the file, or null for just its name
 */
public record Attachment(String fileName, String mimeType, byte[] bytes, String caption) {
    /** 1 MiB: what the bot generates stays far below it, and it keeps an outbox row small. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_NAME = 255;
    public static final int MAX_CAPTION = 4000;

    private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*"
            + "(\\s*;\\s*[a-z0-9!#$&^_.+-]+=[a-z0-9!#$&^_.+\"-]+)*");

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(bytes, "bytes");
        if (fileName.isBlank() || fileName.length() > MAX_NAME || fileName.chars().anyMatch(
                c -> c == '/' || c == '\\' || Character.isISOControl(c)) || fileName.equals(".")
                || fileName.equals("..")) {
            throw new IllegalArgumentException("a file name is 1 to " + MAX_NAME
                    + " characters, without path separators or control characters");
        }
        mimeType = mimeType.strip().toLowerCase(java.util.Locale.ROOT);
        if (!MIME.matcher(mimeType).matches()) {
            throw new IllegalArgumentException("not a MIME type: " + mimeType);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a file has at most " + MAX_BYTES + " bytes, this one " + bytes.length);
        }
        if (caption != null && (caption.isBlank() || caption.length() > MAX_CAPTION)) {
            throw new IllegalArgumentException("a caption is null, or 1 to " + MAX_CAPTION + " characters");
        }
        bytes = bytes.clone();
    }

    /** A file without caption. */
    public Attachment(String fileName, String mimeType, byte[] bytes) {
        this(fileName, mimeType, bytes, null);
    }

    /** A Markdown document ({@code text/markdown; charset=utf-8}). */
    public static Attachment markdown(String fileName, String text, String caption) {
        return new Attachment(fileName, "text/markdown; charset=utf-8",
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), caption);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** Posted as {@code m.audio} (a voice note plays in place) rather than {@code m.file}. */
    public boolean isAudio() {
        return mimeType.startsWith("audio/");
    }

    /** The event's {@code body}: the caption when there is one, else the file name (as clients do it). */
    public String body() {
        return caption != null ? caption : fileName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment a && fileName.equals(a.fileName) && mimeType.equals(a.mimeType)
                && Arrays.equals(bytes, a.bytes) && Objects.equals(caption, a.caption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, mimeType, Arrays.hashCode(bytes), caption);
    }

    /** Never the name, caption or content (P2). */
    @Override
    public String toString() {
        return "Attachment[" + mimeType + ", " + bytes.length + " bytes]";
    }
}
