package org.assemblybot.core.feature;

import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.schedule.DueHandler;

/**
 * One feature of the bot (rotation, votes, countdowns, …): its commands and what it does with events.
 * A feature receives only the narrow capabilities it uses, through its constructor.
 */
public interface Feature {
    /** A short stable id, e.g. {@code vote}; used in logs and in table prefixes. */
    String id();

    List<Command> commands();

    /** Non-command events (reactions, poll responses, memberships, redactions) that passed the filter. */
    default void onEvent(ChatEvent event) {
    }

    /**
     * A plain typed message (not a command, an edit, a notice nor first-sync backlog) that a person sent in their
     * direct room with the bot, e.g. the answer to a question the bot asked them there. Called once per event, in
     * the transaction that marks it handled (M3). The body is theirs: never store or log it (P1, P2).
     */
    default void onDirectMessage(ChatEvent.Message message) {
    }

    /**
     * Runs this feature's scheduled items (those saved with {@code feature = id()}), or null when it
     * schedules nothing. There is no per-feature rehydrate: the Scheduler rebuilds every trigger from the
     * schedule table at startup (T1), so a feature only persists its items through the Scheduler.
     */
    default DueHandler dueHandler() {
        return null;
    }
}
