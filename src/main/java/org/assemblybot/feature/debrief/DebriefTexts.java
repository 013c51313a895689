package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.assemblybot.core.text.RichText;

/** What the debrief commons says; every word a person typed goes through {@link RichText#text}. */
final class DebriefTexts {
    /** The three questions, in order; their threads gather the room's answers. */
    static final List<String> QUESTIONS = List.of("What did you witness?",
            "What skill did you use, or wish you had?", "What do you want to build next?");
    static final String START_EXAMPLE = "debrief start \"Blockade at the port\" tomorrow 19:00";
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final String prefix;

    DebriefTexts(String prefix) {
        this.prefix = prefix;
    }

    String command(String words) {
        return prefix + words;
    }

    /**
     * When to offer the debrief, in words the time input reads: the first evening (19:00) at least an hour after the
     * action, or, when that is more than a day away (an action ending just before 19:00), the day after at the hour
     * of the action, 23 hours on — always within the 24 hours.
     */
    static String suggestedTime(Instant ended, ZoneId zone) {
        java.time.ZonedDateTime end = ended.atZone(zone);
        java.time.ZonedDateTime evening = end.toLocalDate().atTime(19, 0).atZone(zone);
        if (evening.isBefore(end.plusHours(1))) {
            evening = evening.plusDays(1);
        }
        if (java.time.Duration.between(end, evening).compareTo(java.time.Duration.ofHours(24)) > 0) {
            evening = end.plusHours(23).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        }
        String day = evening.toLocalDate().equals(end.toLocalDate()) ? "today" : "tomorrow";
        return day + " " + DateTimeFormatter.ofPattern("HH:mm").format(evening);
    }

    static String when(Instant at, ZoneId zone) {
        return DAY_TIME.format(at.atZone(zone));
    }

    /** After an action's END: the planning room is offered a debrief within a day, {@code when} in words. */
    RichText offer(long actionId, String title, boolean intense, String when) {
        RichText text = RichText.create().text("📋 “").text(title).text("” is over. Harvest it while it is fresh: a "
                + "debrief " + when + "? ").code(command("debrief start " + actionId + " " + when));
        if (intense) {
            text.newline().text("It was marked intense: a gathering without agenda after the debrief helps — ")
                    .code(command("debrief care <time>")).text(".");
        }
        return text;
    }

    RichText reminder(Debrief d, ZoneId zone) {
        return RichText.create().text("📋 Debrief ").bold(d.label()).text(" at " + when(d.startsAt(), zone)
                + ": three questions, and small roles for the next two weeks.");
    }

    /** The card at debrief time; the questions follow, each in its own message, so each has its thread. */
    RichText card(Debrief d) {
        return RichText.create().text("📋 ").bold("Debrief commons: " + d.title()).text(" (#" + d.id() + ")")
                .newline().text("Three questions follow, each with its own thread: answer there, or privately to me by "
                        + "direct message (").code(command("witness …")).text(", ").code(command("skill used|wish "
                        + "<skill>")).text(", ").code(command("build …")).text(") — private answers appear in the "
                        + "thread without your name, and I keep only skill tags.")
                .newline().text("Small roles for the next two weeks: ").code(command("signup <role>")).text("; "
                        + "organizers offer them with ").code(command("debrief roles add <role> <slots>")).text(".");
    }

    RichText question(int number) {
        return RichText.create().text(number + "️⃣ ").bold(QUESTIONS.get(number - 1)).text(" (debrief — answer in this "
                + "thread)");
    }

    RichText careSuggestion() {
        return RichText.create().text("🫖 That was an intense action. A gathering without agenda helps people land: ")
                .code(command("debrief care <time>")).text(".");
    }

    RichText careReminder(Instant at, ZoneId zone) {
        return RichText.create().text("🫖 Care gathering at " + when(at, zone) + ": no agenda, no decisions — just "
                + "being together after the action.");
    }

    RichText careNow() {
        return RichText.create().text("🫖 The care gathering starts now: no agenda, no decisions. Come as you are.");
    }
}
