package org.assemblybot.feature.basics;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.CommandHandler;
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.Permission;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.time.UnknownZoneException;
import org.assemblybot.core.time.ZoneResolver;

/**
 * {@code !tz <zone>}: sets the room's time zone, which every local time the bot reads or shows in this
 * room uses (T3). The reply shows the local time and offset so the organizer can see it is right.
 */
final class TimeZoneCommand implements CommandHandler {
    // A rest-argument, so "!tz New York" reaches the resolver (and gets a suggestion) instead of a usage error.
    static final CommandSpec SPEC = new CommandSpec("tz", List.of("timezone"),
            List.of(ArgSpec.rest("zone", "a region id such as Europe/Berlin or America/New_York", true)),
            "Sets this room's time zone for every time the bot reads or shows here.", "tz Europe/Berlin",
            Permission.ORGANIZER);

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final RoomSettings settings;
    private final Clock clock;
    private final String prefix;

    TimeZoneCommand(RoomSettings settings, Clock clock, String prefix) {
        this.settings = settings;
        this.clock = clock;
        this.prefix = prefix;
    }

    @Override
    public Reply handle(CommandContext context) {
        ZoneId zone;
        try {
            zone = ZoneResolver.resolve(context.arg(0));
        } catch (UnknownZoneException e) {
            // The resolver knows zones, not commands: the hint how to set the zone it suggests is ours.
            throw new UserFacingException(e.getMessage()
                    + e.suggestion().map(id -> " Set it with `" + prefix + "tz " + id + "`.").orElse(""));
        }
        settings.setZone(context.room(), zone);
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
        return Reply.text("Time zone for this room: " + zone.getId() + " (now " + now.format(CLOCK_TIME) + ", "
                + utcOffset(now.getOffset()) + ")");
    }

    /** "UTC+01:00"; Java writes UTC itself as "Z", which few people read as an offset. */
    private static String utcOffset(ZoneOffset offset) {
        return "UTC" + (offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId());
    }
}
