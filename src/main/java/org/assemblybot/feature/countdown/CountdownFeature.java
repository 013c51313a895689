package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.action.FinishedActions;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.ServerClock;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.store.LateDropListener;

/**
 * Synchronized actions: one instant announced in partner rooms across time zones, T-minus notices, a live
 * countdown in the final minutes, and a GO that lands in every room at once.
 *
 * Everything is in the database (T1): the action, its rooms and RSVPs, and one schedule item per step
 * (notices, countdown edits, preparing the GO, the GO, the end). Messages go through the outbox with
 * transaction ids derived from (item, occurrence, room), so every step yields one message per room even
 * when it runs twice or after a crash (M1, T4). The GO is encrypted for every room a few seconds ahead and
 * sent in parallel at T0; a GO that would be more than {@code maxGoLateness} late is not sent at all, and
 * the rooms are told why (T2).
 *
 * This class declares the commands and hands the work on: {@link SyncCommands} and {@link PartnerRooms}
 * handle the commands, {@link SyncSteps} the scheduled steps, {@link SyncEvents} reactions, redactions and
 * the bot leaving a room.
 */
public final class CountdownFeature implements Feature, FinishedActions, LateDropListener {
    public static final String ID = "sync";
    /** P5: planned actions one room may be part of at a time (each holds a dozen scheduled steps). */
    static final int MAX_PLANNED_PER_ROOM = 10;

    static final String EXAMPLE = "sync plan \"Minute of silence\" friday 18:00 #partners:example.org "
            + "--zones Europe/Kyiv,America/Bogota --duration 60s";
    private static final String ORIGIN_ORGANIZERS = "organizers of the room where the action was planned";

    private final String prefix;
    private final SyncCommands syncCommands;
    private final PartnerRooms partners;
    private final SyncSteps steps;
    private final SyncEvents events;
    private final CountdownStore store;
    private final List<FinishedActions.Listener> finishedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param punctual    sends the GO to every room at once
     * @param quiet       holds the bot's other messages around a GO
     * @param serverClock how far the homeserver's clock is from ours (a warning when it is off)
     */
    public CountdownFeature(FeatureKit kit, CountdownStore store, PunctualSender punctual, QuietWindow quiet,
                            ServerClock serverClock, CountdownConfig config) {
        this(kit, store, punctual, quiet, serverClock, config, Metrics.NOOP);
    }

    /** @param metrics told each GO's lateness per room */
    public CountdownFeature(FeatureKit kit, CountdownStore store, PunctualSender punctual, QuietWindow quiet,
                            ServerClock serverClock, CountdownConfig config, Metrics metrics) {
        this.prefix = kit.prefix();
        CountdownTexts texts = new CountdownTexts(kit.prefix());
        SyncLiveMessages live = new SyncLiveMessages(kit.live());
        PunctualGo go = new PunctualGo(punctual, quiet, kit.transactions(), kit.outbox(), kit.clock(), config,
                metrics);
        SyncAnnouncements announcements = new SyncAnnouncements(kit, store, live, texts);
        this.store = store;
        this.steps = new SyncSteps(kit, store, go, live, announcements, texts, serverClock, config);
        steps.onFinished(action -> {
            Finished finished = finished(action);
            finishedListeners.forEach(listener -> listener.actionFinished(finished));
        });
        this.partners = new PartnerRooms(kit, store, texts, config.maxRooms(), announcements::announce);
        this.syncCommands = new SyncCommands(kit, store, steps, announcements, partners, live, texts, config);
        this.events = new SyncEvents(kit, store, live, announcements, texts,
                new SyncCommandRedaction(store, kit.outbox(), kit.clock(), kit.prefix()),
                new SyncRoomRemoval(kit, store, live, texts, steps::stop));
    }

    @Override
    public void addListener(FinishedActions.Listener listener) {
        finishedListeners.add(listener);
    }

    @Override
    public Optional<Finished> finished(RoomId planningRoom, long id) {
        return store.find(id).filter(a -> a.originRoom().equals(planningRoom) && a.state() == SyncAction.State.DONE)
                .map(this::finished);
    }

    private Finished finished(SyncAction action) {
        Instant end = action.duration() == null ? action.t0() : action.t0().plus(action.duration());
        return new Finished(action.id(), action.originRoom(), action.title(), end, store.intense(action.id()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        ArgSpec id = ArgSpec.required("id", "the action's number, from " + prefix + "sync list");
        return List.of(Command.named("sync").aliases("action")
                .summary("Synchronized actions: one instant announced in partner rooms, with a countdown and a GO "
                        + "everywhere at once.")
                .example(EXAMPLE)
                .sub(Command.named("plan")
                        .args(ArgSpec.required("title", "what happens, in quotes when it has several words"),
                                ArgSpec.rest("time", "when, in this room's zone (e.g. friday 18:00 or in 2h), then "
                                        + "the partner rooms (#alias:server or !id:server)", true)
                                        .shownAs("<time…> [rooms…]"))
                        .options(OptionSpec.value("zones", "A,B", "more time zones to show the time in"),
                                OptionSpec.value("duration", "60s", "how long it lasts; the END is announced"),
                                OptionSpec.value("notices", "24h,1h,10m,1m|none", "when the rooms are reminded"),
                                OptionSpec.flag("intense", "a hard action: after it, a gathering without agenda is "
                                        + "suggested"))
                        .summary("Plans an action and announces it here and in the partner rooms; a partner room "
                                + "where you are not an organizer is asked first.")
                        .example(EXAMPLE).forOrganizers().handler(syncCommands::plan))
                .sub(Command.named("join").args(id).summary("Says you take part (or react ✋ to the announcement).")
                        .example("sync join 3").handler(syncCommands::join))
                .sub(Command.named("list").summary("Lists the planned actions this room takes part in.")
                        .example("sync list").handler(syncCommands::list))
                .sub(Command.named("show").args(id).summary("Shows an action: time, rooms and who is in.")
                        .example("sync show 3").handler(syncCommands::show))
                .sub(Command.named("cancel").args(id, ArgSpec.rest("reason", "told to every room", false))
                        .summary("Cancels an action in every room, until its GO leaves.")
                        .example("sync cancel 3 rain is coming")
                        .forOrganizersOf(ORIGIN_ORGANIZERS, syncCommands::originOf).handler(syncCommands::cancel))
                .sub(Command.named("move").args(id, ArgSpec.rest("time", "the new time", true))
                        .summary("Moves an action to another time and tells every room.")
                        .example("sync move 3 tomorrow 19:00")
                        .forOrganizersOf(ORIGIN_ORGANIZERS, syncCommands::originOf).handler(syncCommands::move))
                .sub(Command.named("accept").args(id)
                        .summary("This room takes part in an action another room asked it to join.")
                        .example("sync accept 3").forOrganizers()
                        .handler(c -> partners.accept(c, syncCommands.answerable(c, "accept"))))
                .sub(Command.named("decline").args(id, ArgSpec.rest("reason", "told to the planning room", false))
                        .summary("This room does not take part; the planning room is told.")
                        .example("sync decline 3 we meet that evening").forOrganizers()
                        .handler(c -> partners.decline(c, syncCommands.answerable(c, "decline"),
                                c.words().subList(1, c.words().size()))))
                .build());
    }

    @Override
    public DueHandler dueHandler() {
        return steps;
    }

    /** ✋ reactions, withdrawn reactions, the bot leaving a room. */
    @Override
    public void onEvent(ChatEvent event) {
        events.onEvent(event);
    }

    /** A GO the relay dropped unsent, too late (the homeserver away): its room is told instead. */
    @Override
    public void droppedLate(String txnId, RoomId room, Instant notAfter) {
        steps.goDropped(txnId, room, notAfter);
    }

    /** The schedule items of an action carry this reference: cancelling by it stops them all. */
    static String ref(SyncAction action) {
        return ID + ":" + action.id();
    }

    /** The transaction id of a per-room message of the action that happens once (not per occurrence). */
    static String txn(SyncAction action, String what, RoomId room) {
        return ScheduledTxn.of(ref(action) + ":" + what, action.t0(), room, what);
    }
}
