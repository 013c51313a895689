package org.assemblybot.core.chat;

/** Receives events from the chat adapter, on the adapter's own delivery thread (never a library thread). */
public interface ChatListener {
    /**
     * @param event       the event
     * @param initialSync true when the event came from the backlog of the device's very first sync;
     *                    such events must never run commands (M4)
     */
    void onEvent(ChatEvent event, boolean initialSync);

    /** The bot was invited to {@code room} by {@code inviter}. The listener decides whether to join. */
    default void onInvite(RoomId room, UserId inviter) {
    }
}
