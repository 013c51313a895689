package org.assemblybot.feature.mirror;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.geo.Country;
import org.assemblybot.core.geo.Region;
import org.assemblybot.core.text.RichText;

/** What the mirror says. Every word a person typed goes through {@link RichText#text}: escaped, never a ping. */
final class MirrorTexts {
    static final String ROLE = "Mirror researcher";
    /** The role as commands take it: in quotes, being two words. */
    static final String ROLE_ARG = "\"" + ROLE + "\"";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private final String prefix;

    MirrorTexts(String prefix) {
        this.prefix = prefix;
    }

    String command(String words) {
        return prefix + words;
    }

    static String when(Instant at, ZoneId zone) {
        return DAY_TIME.format(at.atZone(zone));
    }

    static String day(Instant at, ZoneId zone) {
        return DAY.format(at.atZone(zone));
    }

    static String date(Instant at, ZoneId zone) {
        return DATE.format(at.atZone(zone));
    }

    /** "Chile (South America · Americas)". */
    static String place(Country country) {
        return country.englishName() + country.subRegion().map(sub -> " (" + sub.englishName()
                + sub.parent().map(top -> " · " + top.englishName()).orElse("") + ")").orElse("");
    }

    /** The brief to the researcher, by direct message. */
    RichText brief(Spotlight s, ZoneId zone, List<Variety.Suggestion> suggestions, List<Country> recent,
                   Instant remindAt) {
        RichText text = RichText.create().text("🌍 Global mirror: you research the spotlight for the assembly of ")
                .code(s.room().value()).text(" on ").bold(when(s.assemblyAt(), zone)).text(".").newline()
                .text("Find a struggle in another country and send me, here or in the room:").newline()
                .text("• the country, • the struggle in a line, • one or more links, • how our next action echoes "
                        + "theirs:").newline()
                .code(command(SpotlightInput.FORMAT)).newline()
                .text("Example: ").code(command(SpotlightInput.EXAMPLE)).newline()
                .text("A voice note or a file sent here goes into the card's thread.").newline();
        if (!suggestions.isEmpty()) {
            text.text("Regions the room has not looked at for the longest: " + suggestions.stream()
                    .map(g -> g.region().englishName() + (g.when() == null ? " (never)" : " (last " + date(g.when(),
                            zone) + ")")).collect(Collectors.joining(", ")) + ".").newline();
        }
        if (!recent.isEmpty()) {
            text.text("Looked at lately: " + recent.stream().map(Country::englishName).collect(Collectors.joining(", "))
                    + ".").newline();
        }
        return text.text("The card is posted when the assembly starts; nothing is posted if nothing is set. Please set "
                + "it by " + when(remindAt, zone) + ". Can't do it? Say so in the room: someone can step in with ")
                .code(command("mirror take")).text(".");
    }

    RichText reminder(Spotlight s, ZoneId zone) {
        return RichText.create().text("🌍 Reminder: the global mirror spotlight for the assembly of ").code(s.room()
                        .value()).text(" on ").bold(when(s.assemblyAt(), zone)).text(" is not set yet. Send ")
                .code(command(SpotlightInput.FORMAT)).text(", or tell the room if you can't.");
    }

    RichText nobody(Spotlight s, ZoneId zone) {
        return RichText.create().text("🌍 Nobody holds " + ROLE + " for the assembly on ").bold(when(s.assemblyAt(),
                        zone)).text(" yet. Volunteer with ").code(command("role volunteer " + ROLE_ARG))
                .text(", or research this one spotlight: ").code(command("mirror take")).text(".");
    }

    RichText call(Spotlight s, ZoneId zone, List<UserId> organizers) {
        RichText text = RichText.create().text("🌍 The global mirror for the assembly on ").bold(when(s.assemblyAt(),
                zone)).text(" is not set yet");
        if (s.researcher() != null) {
            text.text(" (").mention(s.researcher(), s.researcher().value()).text(" researches it)");
        }
        text.text(". Can someone else step in? ").code(command("mirror take")).text(", then ")
                .code(command(SpotlightInput.FORMAT)).text(".");
        if (!organizers.isEmpty()) {
            text.newline().text("Organizers: ");
            for (int i = 0; i < organizers.size(); i++) {
                text.text(i == 0 ? "" : ", ").mention(organizers.get(i), organizers.get(i).value());
            }
            text.text(" — nothing is posted if nothing is set.");
        }
        return text;
    }

    /** The spotlight card; {@code from} names the room it comes from when it is shared with a partner room. */
    RichText card(Spotlight s, Country country, RoomId from) {
        Spotlight.Content c = s.content();
        RichText text = RichText.create();
        if (from != null) {
            text.text("🌍 The assembly of ").code(from.value()).text(" is looking at your part of the world today.")
                    .newline();
        }
        text.text("🌍 ").bold("Global mirror: " + country.englishName()).text(country.subRegion().map(sub -> " — "
                + sub.englishName() + sub.parent().map(top -> ", " + top.englishName()).orElse("")).orElse(""))
                .newline().bold("The struggle: ").text(c.struggle()).newline()
                .bold(c.links().size() == 1 ? "Link: " : "Links: ").text(String.join("  ", c.links())).newline()
                .bold("How does our next action echo theirs? ").text(c.echo()).newline()
                .text("Researched by ").mention(c.setBy(), c.setBy().value()).text(".");
        if (from == null) {
            text.text(" Reply in this thread.");
        }
        return text;
    }

    /** What the researcher is told after {@code !mirror set}. */
    String confirmation(Spotlight s, Country country, ZoneId zone, Spotlight repeated, int avoidRepeat) {
        Spotlight.Content c = s.content();
        String text = "🌍 Set for the assembly on " + when(s.assemblyAt(), zone) + ": " + place(country) + " — "
                + c.struggle() + " — " + c.links().size() + (c.links().size() == 1 ? " link" : " links")
                + ". See it with `" + command("mirror next") + "`; set it again to change it.";
        if (repeated != null) {
            text += " ⚠ " + country.englishName() + " was spotlighted on " + date(repeated.assemblyAt(), zone)
                    + ", within the last " + avoidRepeat + " assemblies: is there a struggle somewhere the room has "
                    + "not looked at yet?";
        }
        return text;
    }

    RichText moved(Spotlight s, ZoneId zone) {
        return RichText.create().text("🌍 The assembly of ").code(s.room().value()).text(" moved: your global mirror "
                + "spotlight is now for ").bold(when(s.assemblyAt(), zone)).text(".");
    }

    RichText late(Spotlight s, ZoneId zone) {
        return RichText.create().text("🌍 The global mirror card for the assembly on ").bold(when(s.assemblyAt(), zone))
                .text(" could not be posted in time (I was offline). It moves to the next assembly; organizers can "
                        + "post it now with ").code(command("mirror now")).text(".");
    }

    static String region(Region region) {
        return region.englishName();
    }
}
