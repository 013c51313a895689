package org.assemblybot.core.outbox;

import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.FileSender;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;

/**
 * {@link FileSender} for a chat edge that cannot post files: every file is refused for good, so the relay logs
 * and drops it instead of retrying it forever.
 */
public final class FilesUnavailable implements FileSender {
    public static final FileSender INSTANCE = new FilesUnavailable();

    private FilesUnavailable() {
    }

    @Override
    public EventId sendFile(RoomId room, String txnId, Attachment file, EventId threadRoot) {
        throw refused();
    }

    @Override
    public EventId forwardFile(RoomId room, String txnId, SharedFile file, EventId threadRoot) {
        throw refused();
    }

    private static ChatRefusedException refused() {
        return new ChatRefusedException("this chat edge cannot post files", null);
    }
}
