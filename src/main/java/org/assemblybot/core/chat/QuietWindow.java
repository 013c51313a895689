package org.assemblybot.core.chat;

import java.time.Instant;

/**
 * Keeps the bot's other outgoing traffic out of the way of a message that must land on time (a GO): while
 * held, queued messages wait (they are not lost), so the homeserver is not busy with them at T0.
 */
public interface QuietWindow {
    /** Holds other sends until {@code until} at the latest. */
    void hold(Instant until);

    /** Ends the hold now and sends what waited. */
    void release();
}
