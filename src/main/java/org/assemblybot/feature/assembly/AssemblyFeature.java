package org.assemblybot.feature.assembly;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's meeting rhythm: one recurring assembly (any rhythm {@code Recurrences} reads, in the room's zone),
 * one-off assemblies, skipped ones, and reminders before each that name the holders of its roles.
 *
 * <p>The database is the source of truth (T1): the rule, the one-offs and the skips are rows, and
 * {@link AssemblyCalendar#upcoming} is computed from them on every call. {@link AssemblyReminders} keeps the
 * room's next reminders on the durable scheduler and plans them again after every change. Listeners (rotation,
 * the mirror) are told inside the transaction that changed a room's assemblies. When the bot leaves or is removed
 * from a room, its assemblies and reminders there go (M6).
 */
public final class AssemblyFeature implements Feature, AssemblyCalendar {
    public static final String ID = "assembly";
    private static final Logger log = LoggerFactory.getLogger(AssemblyFeature.class);

    private final AssemblyStore store;
    private final Assemblies assemblies;
    private final AssemblyReminders reminders;
    private final AssemblyCommands commands;
    private final UserId self;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** @param roles who holds which role at an assembly, for the reminders; {@link AssemblyRoles#NONE} without rotation */
    public AssemblyFeature(FeatureKit kit, AssemblyStore store, AssemblyRoles roles) {
        this.store = Objects.requireNonNull(store, "store");
        this.self = kit.self();
        AssemblyTexts texts = new AssemblyTexts(kit.prefix());
        this.assemblies = new Assemblies(store);
        this.reminders = new AssemblyReminders(kit, assemblies, Objects.requireNonNull(roles, "roles"), texts);
        this.commands = new AssemblyCommands(kit, store, assemblies, texts, this::changed);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        OptionSpec duration = OptionSpec.value("duration", "2h", "how long each assembly lasts, 15m to 12h");
        OptionSpec notices = OptionSpec.value("notices", "24h,1h|none", "when the room is reminded before it");
        ArgSpec date = ArgSpec.required("date", "the local date, e.g. 2026-06-12, tomorrow or friday");
        return List.of(Command.named("assembly").aliases("assemblies")
                .summary("The room's meeting rhythm: recurring and one-off assemblies, with reminders naming who "
                        + "holds each role.")
                .example(AssemblyTexts.EVERY_EXAMPLE)
                .sub(Command.named("every")
                        .args(ArgSpec.rest("rhythm", "how often and when, in this room's zone (e.g. friday 19:00, "
                                + "month on the 1st 18:00)", true).shownAs("<rhythm> <time>"))
                        .options(duration, notices).forOrganizers()
                        .summary("Sets the room's recurring assembly (replacing the one before).")
                        .example(AssemblyTexts.EVERY_EXAMPLE).handler(commands::every))
                .sub(Command.named("add").args(ArgSpec.rest("time", "when, in this room's zone", true))
                        .options(duration, notices).forOrganizers()
                        .summary("Plans a one-off assembly.").example(AssemblyTexts.ADD_EXAMPLE).handler(commands::add))
                .sub(Command.named("skip").args(date).forOrganizers()
                        .summary("Skips the assembly on that date; the rhythm goes on.")
                        .example(AssemblyTexts.SKIP_EXAMPLE).handler(commands::skip))
                .sub(Command.named("cancel").args(ArgSpec.optional("date", "an assembly's date; without it the "
                                + "recurring rhythm ends (one-offs stay)")).forOrganizers()
                        .summary("Ends the rhythm, or cancels the assembly on a date.")
                        .example(AssemblyTexts.CANCEL_EXAMPLE).handler(commands::cancel))
                .sub(Command.named("list").summary("Shows the next assemblies, skipped ones marked.")
                        .example("assembly list").handler(commands::list))
                .build());
    }

    @Override
    public DueHandler dueHandler() {
        return reminders;
    }

    /** M6: the bot left or was removed from a room — its assemblies and reminders there go. */
    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Membership membership && membership.target().equals(self)
                && (membership.membership().equals("leave") || membership.membership().equals("ban"))) {
            RoomId room = membership.room();
            reminders.drop(room);
            store.dropRoom(room);
            listeners.forEach(listener -> listener.assembliesChanged(room));
            log.info("assemblies of {} dropped: the bot is no longer in that room", room);
        }
    }

    @Override
    public List<Occurrence> upcoming(RoomId room, Instant from, int limit) {
        return assemblies.from(room, from, limit, false).stream()
                .map(a -> new Occurrence(room, a.start(), a.duration())).toList();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** After every, add, skip and cancel, in the command's transaction. */
    private void changed(RoomId room) {
        reminders.replan(room);
        listeners.forEach(listener -> listener.assembliesChanged(room));
    }
}
