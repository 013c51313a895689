package org.assemblybot.feature.basics;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.SelfIdentity;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.store.RoomSettings;

/**
 * The commands every room needs before any other feature: {@code !ping}, {@code !about} and {@code !tz}.
 * ({@code !help} belongs to the router, which knows every feature's commands.)
 */
public final class BasicsFeature implements Feature {
    private final List<Command> commands;

    /** @param prefix the command prefix, for hints that show a command to type */
    public BasicsFeature(RoomDirectory rooms, SelfIdentity self, RoomSettings settings, Clock clock, String prefix) {
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(prefix, "prefix");
        this.commands = List.of(
                new Command(PingCommand.SPEC, new PingCommand(clock)),
                new Command(AboutCommand.SPEC, new AboutCommand(rooms, self, settings, BuildVersion.read(), prefix)),
                new Command(TimeZoneCommand.SPEC, new TimeZoneCommand(settings, clock, prefix)));
    }

    @Override
    public String id() {
        return "basics";
    }

    @Override
    public List<Command> commands() {
        return commands;
    }
}
