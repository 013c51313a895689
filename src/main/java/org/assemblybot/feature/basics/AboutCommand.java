package org.assemblybot.feature.basics;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.SelfIdentity;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.CommandHandler;
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.Permission;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.text.RichText;

/**
 * {@code !about}: what is running and how this room is set up — the first things to check when
 * something seems off, such as messages the bot cannot decrypt.
 */
final class AboutCommand implements CommandHandler {
    static final CommandSpec SPEC = new CommandSpec("about", List.of(), List.of(),
            "Shows the bot's version and device, and this room's encryption and time zone.", "about",
            Permission.EVERYONE);

    private final RoomDirectory rooms;
    private final SelfIdentity self;
    private final RoomSettings settings;
    private final String version;
    private final String prefix;

    AboutCommand(RoomDirectory rooms, SelfIdentity self, RoomSettings settings, String version, String prefix) {
        this.rooms = rooms;
        this.self = self;
        this.settings = settings;
        this.version = version;
        this.prefix = prefix;
    }

    @Override
    public Reply handle(CommandContext context) {
        RichText out = RichText.create().bold("assembly-bot").text(" version " + version).newline();
        out.text(rooms.isEncrypted(context.room())
                ? "This room is encrypted."
                : "This room is not encrypted.").newline();
        out.text("I am ").code(self.userId().value()).text(" on device ").code(self.deviceId())
                .text(self.deviceCrossSigned()
                        ? ", which is cross-signed."
                        : ", which is not cross-signed: apps that only share keys with verified devices "
                                + "cannot send me encrypted messages.")
                .newline();
        Optional<ZoneId> zone = settings.zone(context.room());
        out.text("Time zone: ");
        if (zone.isPresent()) {
            out.text(zone.get().getId());
        } else {
            out.text("not set — an organizer can set it with ").code(prefix + "tz Europe/Berlin");
        }
        return Reply.of(out);
    }
}
