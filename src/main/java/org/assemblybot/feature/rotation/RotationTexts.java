package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.Markdown;

/** The words of rotation shared by its parts: how roles, people and term boundaries are shown. */
final class RotationTexts {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    static final String ADD_EXAMPLE = "role add Facilitation --term 2w --seats 1 --shadow 1w --checklist \"keys; agenda\"";

    private final String prefix;

    RotationTexts(String prefix) {
        this.prefix = prefix;
    }

    /** {@code !role volunteer Notes}, as people type it here. */
    String command(String words) {
        return prefix + words;
    }

    /** A term boundary: "Mon 15 Jun" at local midnight, "Mon 15 Jun 19:00" otherwise (an assembly's start). */
    static String boundary(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(local) : DAY_TIME.format(local);
    }

    /** People as their user ids, without pinging them (pings are reserved for what asks something of them). */
    static String people(List<UserId> users) {
        return users.stream().map(UserId::value).collect(Collectors.joining(", "));
    }

    /** "2 weeks, 1 seat, shadow 1w, at most 1 term in a row". */
    static String settings(Role role) {
        String max = role.maxTerms() == null ? "no limit of terms in a row"
                : "at most " + role.maxTerms() + (role.maxTerms() == 1 ? " term" : " terms") + " in a row";
        String checklist = role.checklist().isEmpty() ? "" : ", checklist: " + String.join("; ", role.checklist());
        return "terms of " + role.term().describe() + ", " + role.seats() + (role.seats() == 1 ? " seat" : " seats")
                + ", shadow " + role.shadow().stored() + ", " + max + checklist;
    }

    /**
     * The public record of a role as a Markdown file: a title, when it was made, and one line per term or
     * override, newest first. People are named by their ids; a file never pings anyone.
     */
    static org.assemblybot.core.chat.Attachment historyFile(Role role, List<String> lines, java.time.Instant now,
                                                           java.time.ZoneId zone) {
        StringBuilder text = new StringBuilder("# History of the role ").append(Markdown.literal(role.name()))
                .append("\n\nPublic record of who held it and the organizers' overrides, newest first. Made ")
                .append(boundary(now, zone)).append(" (").append(zone.getId()).append(").\n\n");
        lines.forEach(line -> text.append("- ").append(Markdown.literal(line)).append('\n'));
        String name = "history-" + role.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "") + ".md";
        return org.assemblybot.core.chat.Attachment.markdown(name.equals("history-.md") ? "history.md" : name,
                text.toString(), "History of " + role.name());
    }
}
