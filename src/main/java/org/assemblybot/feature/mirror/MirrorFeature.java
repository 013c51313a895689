package org.assemblybot.feature.mirror;

import java.util.List;
import java.util.Optional;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.assembly.RotatingRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.text.RichText;

/**
 * The global mirror (issue 10): every assembly spotlights a struggle in another country, researched in rotation.
 * Turning it on adds the per-assembly role "Mirror researcher" through {@link RotatingRoles}; before each assembly
 * ({@link AssemblyCalendar}) the holder ({@link AssemblyRoles}) gets a brief by direct message, then a reminder,
 * then the room is asked whether someone steps in; at the start the card is posted ({@link MirrorSteps},
 * {@link MirrorPrompts}). Countries come from CLDR ({@link org.assemblybot.core.geo.Countries}); {@link Variety}
 * keeps the room looking at new places.
 */
public final class MirrorFeature implements Feature, SentListener {
    public static final String ID = "mirror";

    private final FeatureKit kit;
    private final MirrorStore store;
    private final MirrorSteps steps;
    private final MirrorCommands commands;
    private final MirrorViews views;
    private final CardFiles files;
    private final MirrorPrompts prompts;

    public MirrorFeature(FeatureKit kit, SqliteMirrorStore store, AssemblyCalendar calendar, AssemblyRoles holders,
                         RotatingRoles roles) {
        this(kit, (MirrorStore) store, calendar, holders, roles);
    }

    MirrorFeature(FeatureKit kit, MirrorStore store, AssemblyCalendar calendar, AssemblyRoles holders,
                  RotatingRoles roles) {
        this.kit = kit;
        this.store = store;
        MirrorTexts texts = new MirrorTexts(kit.prefix());
        Variety variety = new Variety(store);
        this.files = new CardFiles(kit.outbox(), kit.clock());
        this.prompts = new MirrorPrompts(kit, store, holders, texts, variety, files);
        this.steps = new MirrorSteps(kit, store, calendar, prompts);
        this.commands = new MirrorCommands(kit, store, calendar, roles, steps, prompts, texts, variety);
        this.views = new MirrorViews(kit, store, commands, prompts, texts, variety);
        calendar.addListener(steps::plan);
        roles.addListener(steps::rolesChanged);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DueHandler dueHandler() {
        return steps;
    }

    @Override
    public List<Command> commands() {
        OptionSpec forRoom = OptionSpec.value("for", "#room:server", "from a direct room: which room's spotlight");
        return List.of(Command.named("mirror").summary("The global mirror: a struggle abroad spotlighted at every "
                        + "assembly, researched in rotation.").example("mirror next")
                .sub(Command.named("on").options(
                                OptionSpec.value("lead", "2d", "how long before an assembly the researcher gets the "
                                        + "brief (13h to 14d, default 2d)"),
                                OptionSpec.value("avoid-repeat", "N", "flag a country seen in the last N assemblies "
                                        + "(default 6)"),
                                OptionSpec.words("share", "#room:server …|none", "partner rooms the card also goes to "
                                        + "(you and the bot must be in them)"))
                        .forOrganizers().summary("Turns the mirror on (or changes it) and adds the rotating role "
                                + MirrorTexts.ROLE + ".").example("mirror on --lead 2d --avoid-repeat 6")
                        .handler(commands::on))
                .sub(Command.named("off").forOrganizers().summary("Turns the mirror off; its history stays.")
                        .example("mirror off").handler(commands::off))
                .sub(Command.named("set").args(ArgSpec.rest("spotlight", "<country> | <struggle> | <links> | <echo>",
                                true).shownAs("<country> | <struggle> | <links> | <echo>")).options(forRoom)
                        .summary("Sets the next spotlight (its researcher or an organizer; also from the direct room).")
                        .example(SpotlightInput.EXAMPLE).handler(commands::set))
                .sub(Command.named("take").summary("Steps in as researcher for the next assembly (once the room "
                        + "asks, or when nobody researches it).").example("mirror take").handler(commands::take))
                .sub(Command.named("clear").options(forRoom).summary("Clears what was set for the next spotlight.")
                        .example("mirror clear").handler(commands::clear))
                .sub(Command.named("now").forOrganizers().summary("Posts the spotlight card now.")
                        .example("mirror now").handler(commands::now))
                .sub(Command.named("next").summary("Shows the next spotlight: when, who researches it, the draft.")
                        .example("mirror next").handler(views::next))
                .sub(Command.named("history").summary("Lists past spotlights: date, country, struggle, researcher.")
                        .example("mirror history").handler(views::history))
                .sub(Command.named("map").summary("Shows how often each world region was spotlighted.")
                        .example("mirror map").handler(views::map))
                .build());
    }

    /**
     * A voice note or file in a researcher's direct room goes with their spotlight (redacted: it goes again); the
     * bot left a room: its mirror goes (M6); a researcher left: the next step briefs whoever holds the role then.
     */
    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.File file) {
            attach(file);
        } else if (event instanceof ChatEvent.Redaction redaction) {
            detach(redaction.sender(), redaction.redacts());
        } else if (event instanceof ChatEvent.Membership m && (m.membership().equals("leave")
                || m.membership().equals("ban"))) {
            if (m.target().equals(kit.self())) {
                steps.cancel(m.room());
                store.forgetRoom(m.room());
            } else {
                store.open(m.room()).filter(s -> m.target().equals(s.researcher()) && !s.isSet())
                        .ifPresent(s -> store.save(s.movedTo(s.assemblyAt())));
            }
        }
    }

    private void attach(ChatEvent.File file) {
        if (kit.directRooms() == null || !kit.directRooms().isDirectRoomWith(file.room(), file.sender())) {
            return;
        }
        List<Spotlight> mine = prompts.researchedBy(file.sender());
        String txn = FeatureKit.once(ID + ":file:" + file.id().value(), "reply", file.room());
        if (mine.isEmpty()) {
            kit.post(file.room(), txn, RichText.create().text("I keep a file only for a global mirror spotlight you "
                    + "research, and you research none right now."));
            return;
        }
        Spotlight s = mine.get(0);
        store.save(s.withFile(new MirrorFile(file.id(), file.msgtype(), file.fileName(), file.mimeType(), file.size(),
                file.media())));
        kit.post(file.room(), txn, RichText.create().text((file.isAudio() ? "🎙 Got your voice note" : "📎 Got your file")
                + ": it goes in the thread of the spotlight card for ").code(s.room().value()).text(" on "
                + MirrorTexts.when(s.assemblyAt(), kit.zoneOf(s.room())) + ". Sending another replaces it."));
    }

    private void detach(org.assemblybot.core.chat.UserId sender, EventId redacted) {
        Optional<Spotlight> holding = prompts.researchedBy(sender).stream()
                .filter(s -> s.file() != null && s.file().event().equals(redacted)).findFirst();
        holding.ifPresent(s -> store.save(s.withFile(null)));
    }

    @Override
    public void sent(String txnId, RoomId room, EventId eventId) {
        files.sent(txnId, room, eventId);
    }
}
