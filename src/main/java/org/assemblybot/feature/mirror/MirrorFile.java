package org.assemblybot.feature.mirror;

import java.util.Objects;
import org.assemblybot.core.chat.EventId;

/**
 * A voice note or file the researcher sent for the spotlight, held until the card is posted: where it is on the
 * homeserver and, for an encrypted file, its key ({@code media}, opaque). Its name and reference are secrets like
 * a message's text: never logged.
 *
 * @param event the event that brought it, to let go of it when that event is redacted
 */
record MirrorFile(EventId event, String msgtype, String fileName, String mimeType, Long size, String media) {
    MirrorFile {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(msgtype, "msgtype");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(media, "media");
    }

    boolean isAudio() {
        return "m.audio".equals(msgtype);
    }

    /** Never the name or the reference (P2). */
    @Override
    public String toString() {
        return "MirrorFile[" + msgtype + ", " + mimeType + ", " + size + " bytes]";
    }
}
