package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.time.TimeInput;

/** What the countdown feature says. Every text is built with {@link RichText}, so titles are escaped. */
final class CountdownTexts {
    static final String HAND = "\u270B";

    private final String prefix;

    CountdownTexts(String prefix) {
        this.prefix = prefix;
    }

    /** "Thu 10 Dec 2026, 19:00 Europe/Berlin (18:00 UTC) · Kyiv 20:00 · Bogota 12:00" */
    String when(SyncAction action, ZoneId roomZone) {
        String text = TimeInput.describe(action.t0(), roomZone);
        if (!action.zones().isEmpty()) {
            text += " · " + TimeInput.describeIn(action.t0(), action.zones());
        }
        return text;
    }

    RichText announcement(SyncAction action, ZoneId roomZone, RoomId room, Map<RoomId, Integer> counts, int rooms) {
        RichText text = RichText.create().text("\uD83D\uDCE3 Synchronized action #" + action.id() + ": ")
                .bold(action.title()).newline()
                .text("GO at " + when(action, roomZone)).newline();
        if (action.duration() != null) {
            text.text("Lasts " + TimeInput.relativeLength(action.duration()) + ". ");
        }
        text.text(rooms + (rooms == 1 ? " group takes" : " groups take") + " part.").newline()
                .text("Join: react " + HAND + " to this message or type ").code(prefix + "sync join " + action.id())
                .text(" — " + turnout(counts, room) + ".");
        return text;
    }

    /** The one message a partner room gets while none of its organizers has answered. */
    RichText request(SyncAction action, ZoneId roomZone) {
        return RichText.create().text("\uD83D\uDCE8 " + action.createdBy().value() + " asks this room to take part in "
                        + "synchronized action #" + action.id() + ": ").bold(action.title()).newline()
                .text("GO at " + when(action, roomZone)).newline()
                .text("An organizer here can answer ").code(prefix + "sync accept " + action.id()).text(" or ")
                .code(prefix + "sync decline " + action.id() + " [reason]")
                .text(". Until then nothing more about it is posted here.");
    }

    /** To the planning room: a partner room's organizer accepted. */
    RichText accepted(SyncAction action, RoomId room, UserId by, int groups) {
        return RichText.create().text("\u2705 " + room.value() + " takes part in synchronized action #" + action.id() + " ")
                .bold(action.title()).text(" (accepted by " + by.value() + "). " + groups
                        + (groups == 1 ? " group takes" : " groups take") + " part now.");
    }

    /** To the planning room: a partner room's organizer declined, with their reason if they gave one. */
    RichText declined(SyncAction action, RoomId room, UserId by, String reason) {
        RichText text = RichText.create().text("\u274E " + room.value() + " declined synchronized action #" + action.id()
                + " ").bold(action.title()).text(" (" + by.value() + ")");
        return reason == null || reason.isBlank() ? text.text(".") : text.text(": " + reason);
    }

    /** To a room that was asked and never answered, when the action is cancelled. */
    RichText requestWithdrawn(SyncAction action) {
        return RichText.create().text("The request to take part in synchronized action #" + action.id() + " ")
                .bold(action.title()).text(" is withdrawn: it was cancelled.");
    }

    RichText cancelledAnnouncement(SyncAction action, ZoneId roomZone) {
        return RichText.create().text("\u274C Cancelled — synchronized action #" + action.id() + ": ")
                .bold(action.title()).text(" (was " + when(action, roomZone) + ")");
    }

    RichText cancelled(SyncAction action, String reason) {
        RichText text = RichText.create().text("\u274C Synchronized action #" + action.id() + " ").bold(action.title())
                .text(" is cancelled");
        return reason == null || reason.isBlank() ? text.text(".") : text.text(": " + reason);
    }

    RichText moved(SyncAction action, ZoneId roomZone) {
        return RichText.create().text("\uD83D\uDD01 Synchronized action #" + action.id() + " ").bold(action.title())
                .text(" moved: GO at " + when(action, roomZone) + ".");
    }

    RichText notice(SyncAction action, ZoneId roomZone, Duration remaining, Map<RoomId, Integer> counts, RoomId room) {
        return RichText.create().text("\u23F3 ").bold(action.title())
                .text(": GO " + TimeInput.relative(remaining) + " — " + when(action, roomZone) + ". "
                        + capitalised(turnout(counts, room)) + ".");
    }

    RichText countdown(SyncAction action, ZoneId roomZone, Duration remaining) {
        return RichText.create().text("\u23F1 ").bold(action.title())
                .text(" — GO " + TimeInput.relative(remaining) + " (" + when(action, roomZone) + ")");
    }

    RichText countdownAtGo(SyncAction action) {
        return RichText.create().text("\u23F1 ").bold(action.title()).text(" — GO now.");
    }

    /** The GO: every group taking part counts, also those where nobody answered the RSVP. */
    RichText go(SyncAction action, Map<RoomId, Integer> counts, int groups) {
        int people = counts.values().stream().mapToInt(Integer::intValue).sum();
        return RichText.create().text("\uD83D\uDFE2 GO — ").bold(action.title())
                .text(". Now, together: " + groups + (groups == 1 ? " group" : " groups")
                        + (people == 0 ? "" : ", " + people + (people == 1 ? " person" : " people") + " signed up") + ".");
    }

    RichText end(SyncAction action) {
        return RichText.create().text("\u23F9 ").bold(action.title()).text(" ends now. Thank you.");
    }

    RichText missedGo(SyncAction action, Duration late, Duration allowed) {
        return RichText.create().text("\u26A0 The GO for synchronized action #" + action.id() + " ").bold(action.title())
                .text(" was not sent: I was " + TimeInput.relativeLength(late) + " late (down or overloaded), more than the "
                        + TimeInput.relativeLength(allowed) + " allowed. A late GO would split the groups, so none went out.");
    }

    /** The GO was queued on time but the homeserver could not be reached before the allowed lateness ran out. */
    RichText unsentGo(SyncAction action, Duration allowed) {
        return RichText.create().text("\u26A0 The GO for synchronized action #" + action.id() + " ").bold(action.title())
                .text(" was not sent: I could not reach the homeserver within the " + TimeInput.relativeLength(allowed)
                        + " allowed. A late GO would split the groups, so none went out.");
    }

    /** A step failed on every try (error id in the operator's log). */
    RichText stepFailed(SyncAction action, String step, String errorId) {
        RichText text = RichText.create().text("\u26A0 ");
        if (step.equals("go")) {
            return text.text("The GO for synchronized action #" + action.id() + " ").bold(action.title())
                    .text(" could not be sent: something failed on my side (error id " + errorId + "). Go at the "
                            + "planned time without my signal.");
        }
        return text.text("A scheduled step (" + step + ") of synchronized action #" + action.id() + " ").bold(action.title())
                .text(" failed on my side (error id " + errorId + "); the operator has been told. The action itself "
                        + "is still planned.");
    }

    RichText missedEnd(SyncAction action) {
        return RichText.create().text("\u26A0 I missed the end signal of ").bold(action.title()).text(".");
    }

    RichText roomDropped(SyncAction action) {
        return RichText.create().text("One group left synchronized action #" + action.id() + " ")
                .bold(action.title()).text(": I was removed from their room.");
    }

    RichText originRemoved(SyncAction action) {
        return RichText.create().text("\u274C Synchronized action #" + action.id() + " ").bold(action.title())
                .text(" is cancelled: I was removed from the room that planned it.");
    }

    RichText skewWarning(Duration skew) {
        return RichText.create().text("\u26A0 My clock differs from the homeserver's by about "
                + Math.abs(skew.toMillis()) + " ms; a GO may be off by that much. The bot's operator should check "
                + "the host's time synchronisation (NTP).");
    }

    /** "12 people in 3 groups so far (5 here)" */
    static String turnout(Map<RoomId, Integer> counts, RoomId here) {
        int people = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (people == 0) {
            return "nobody has joined yet";
        }
        int groups = counts.size();
        return people + (people == 1 ? " person" : " people") + " in " + groups + (groups == 1 ? " group" : " groups")
                + " so far (" + counts.getOrDefault(here, 0) + " here)";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
