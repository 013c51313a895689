package org.assemblybot.testkit;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.Invocation;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Outcome;

/**
 * Types commands at a real parser and router, with organizers decided by {@link FakeChat}'s power levels,
 * so feature tests read like "Alice says !tz Berlin".
 */
public final class CommandDriver {
    public static final String PREFIX = "!";
    public static final int ORGANIZER_LEVEL = 50;

    private final CommandParser parser = new CommandParser(PREFIX);
    private final CommandRouter router;
    private final MutableClock clock;
    private int nextEvent = 1;

    public CommandDriver(List<Command> commands, FakeChat chat, MutableClock clock) {
        this.clock = clock;
        this.router = new CommandRouter(PREFIX, commands, OrganizerCheck.byPowerLevel(chat, ORGANIZER_LEVEL),
                ORGANIZER_LEVEL, clock);
    }

    /** Runs {@code body} as if sent just now; fails if it is not a command. */
    public Outcome say(RoomId room, UserId sender, String body) {
        return say(room, sender, body, clock.instant());
    }

    public Outcome say(RoomId room, UserId sender, String body, Instant sentAt) {
        return say(room, sender, body, new EventId("$cmd" + nextEvent++), sentAt);
    }

    /** As {@link #say}, with the command's own event id. */
    public Outcome say(RoomId room, UserId sender, String body, EventId event, Instant sentAt) {
        var parsed = parser.parse(body).orElseThrow(() -> new AssertionError("not a command: " + body));
        return router.dispatch(parsed, new Invocation(room, sender, event, sentAt, false));
    }
}
