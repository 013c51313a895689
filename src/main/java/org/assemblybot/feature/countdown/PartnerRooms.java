package org.assemblybot.feature.countdown;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partner rooms take part in an action, and their consent. Being an organizer in one room must not let
 * anyone post a dozen messages into every other room they share with the bot: a partner room takes part at
 * once only where the planner is an organizer too (M8); anywhere else it gets one request, and takes part
 * once one of its own organizers answers {@code !sync accept <id>}. Until then it gets nothing else, and an
 * unanswered request simply expires with the action (the steps only ever address the active rooms).
 *
 * Commands run inside the database transaction, so the rooms are looked up only from the bot's own state
 * ({@link RoomDirectory#resolve}), and only after the cheap checks.
 */
final class PartnerRooms {
    private static final Logger log = LoggerFactory.getLogger(PartnerRooms.class);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final RoomDirectory rooms;
    private final OrganizerCheck organizers;
    private final CountdownTexts texts;
    private final int maxRooms;
    private final String prefix;
    /** Posts the announcement in every active room that has none yet and edits the others in place. */
    private final Consumer<SyncAction> announce;

    PartnerRooms(FeatureKit kit, CountdownStore store, CountdownTexts texts, int maxRooms,
                 Consumer<SyncAction> announce) {
        this.kit = kit;
        this.store = store;
        this.rooms = kit.rooms();
        this.organizers = kit.organizers();
        this.texts = texts;
        this.maxRooms = maxRooms;
        this.prefix = kit.prefix();
        this.announce = announce;
    }

    // ---------------------------------------------------------------------------------------------
    // Planning

    /**
     * The planning room and the listed partner rooms, in order. The number of names is checked before any of
     * them is looked up, so a long list costs nothing and at most {@code maxRooms - 1} names are resolved.
     */
    Set<RoomId> resolve(RoomId origin, UserId planner, List<String> listed) {
        Set<String> names = new LinkedHashSet<>(listed);
        names.remove(origin.value());
        if (names.size() + 1 > maxRooms) {
            throw new UserFacingException("An action can span at most " + maxRooms + " rooms; you listed "
                    + (names.size() + 1) + " (this room included).");
        }
        Set<RoomId> resolved = new LinkedHashSet<>();
        resolved.add(origin);
        for (String name : names) {
            resolved.add(partnerRoom(name, planner));
        }
        return resolved;
    }

    /** The planning room and rooms where the planner is an organizer take part at once; others are asked. */
    SyncRoom.Participation initial(RoomId room, RoomId origin, UserId planner) {
        return room.equals(origin) || organizers.isOrganizer(room, planner)
                ? SyncRoom.Participation.ACTIVE : SyncRoom.Participation.PENDING;
    }

    /** Sends the one request to every room that was asked; returns how many were asked. */
    int request(SyncAction action) {
        List<SyncRoom> asked = store.rooms(action.id()).stream().filter(SyncRoom::pending).toList();
        for (SyncRoom room : asked) {
            kit.post(room.room(), CountdownFeature.txn(action, "request", room.room()),
                    texts.request(action, kit.zoneOf(room.room())));
        }
        return asked.size();
    }

    private RoomId partnerRoom(String idOrAlias, UserId planner) {
        RoomId room = rooms.resolve(idOrAlias).orElseThrow(() -> new UserFacingException(idOrAlias.startsWith("#")
                ? "I'm not in a room with the alias `" + idOrAlias + "`. Invite me there first, or check the alias."
                : "`" + idOrAlias + "` is not a room id or alias. Use `!abc:server` or `#name:server`."));
        if (!rooms.joinedRooms().contains(room)) {
            throw new UserFacingException("I'm not in `" + idOrAlias + "`. Invite me there first.");
        }
        if (!rooms.joinedMembers(room).contains(planner)) {
            throw new UserFacingException("You are not a member of `" + idOrAlias + "`, so you can't announce there.");
        }
        return room;
    }

    // ---------------------------------------------------------------------------------------------
    // Answers from the partner room

    /** {@code !sync accept <id>}: the room takes part from now on; the announcement follows there. */
    Reply accept(CommandContext context, SyncAction action) {
        RoomId here = context.room();
        SyncRoom room = roomOf(action, here);
        if (room.active()) {
            throw new UserFacingException("This room already takes part in #" + action.id() + ".");
        }
        // A declined request no longer counted against the room's cap (P5); taking it up again does.
        if (room.participation() == SyncRoom.Participation.DECLINED
                && store.plannedIn(here).size() >= CountdownFeature.MAX_PLANNED_PER_ROOM) {
            throw new UserFacingException("This room already takes part in " + CountdownFeature.MAX_PLANNED_PER_ROOM
                    + " planned actions; cancel one first.");
        }
        if (!store.changeParticipation(action.id(), here,
                EnumSet.of(SyncRoom.Participation.PENDING, SyncRoom.Participation.DECLINED),
                SyncRoom.Participation.ACTIVE)) {
            throw new UserFacingException("This room no longer takes part in #" + action.id() + ".");
        }
        // One round of edits: the new room gets its first announcement, the others the new number of groups.
        announce.accept(action);
        int groups = store.activeRooms(action.id()).size();
        kit.post(action.originRoom(), CountdownFeature.txn(action, "accepted-" + here.value(), action.originRoom()),
                texts.accepted(action, here, context.sender(), groups));
        log.info("sync action #{}: room {} accepted", action.id(), here);
        return Reply.of(RichText.create().text("This room takes part in #" + action.id() + " ").bold(action.title())
                .text("; the announcement follows."));
    }

    /** {@code !sync decline <id> [reason]}: the planning room is told; this room hears nothing more of it. */
    Reply decline(CommandContext context, SyncAction action, List<String> reasonWords) {
        RoomId here = context.room();
        String reason = String.join(" ", reasonWords).strip();
        TextLimits.require("reason", reason, TextLimits.REASON,
                "Example: `" + prefix + "sync decline " + action.id() + " we meet that evening`");
        SyncRoom room = roomOf(action, here);
        switch (room.participation()) {
            case ACTIVE -> throw new UserFacingException("This room already takes part in #" + action.id()
                    + "; the organizers of the planning room can cancel it.");
            case DECLINED -> throw new UserFacingException("This room already declined #" + action.id() + ".");
            case DROPPED -> throw new UserFacingException("This room no longer takes part in #" + action.id() + ".");
            case PENDING -> store.changeParticipation(action.id(), here, EnumSet.of(SyncRoom.Participation.PENDING),
                    SyncRoom.Participation.DECLINED);
        }
        kit.post(action.originRoom(), CountdownFeature.txn(action, "declined-" + here.value(), action.originRoom()),
                texts.declined(action, here, context.sender(), reason));
        log.info("sync action #{}: room {} declined", action.id(), here);
        return Reply.text("Declined #" + action.id() + "; the planning room is told. Nothing more about it comes here.");
    }

    /** {@code !sync join} and RSVPs count only in rooms that take part. */
    void requireTakingPart(SyncAction action, RoomId here) {
        switch (roomOf(action, here).participation()) {
            case ACTIVE -> {
            }
            case PENDING -> throw new UserFacingException("This room has not accepted #" + action.id() + " yet: an "
                    + "organizer here can answer `" + prefix + "sync accept " + action.id() + "`.");
            case DECLINED -> throw new UserFacingException("This room declined #" + action.id() + ".");
            case DROPPED -> throw new UserFacingException("This room no longer takes part in #" + action.id() + ".");
        }
    }

    /** On cancel: one line to each room that was asked and never answered; returns how many. */
    int withdraw(SyncAction action) {
        List<SyncRoom> asked = store.rooms(action.id()).stream().filter(SyncRoom::pending).toList();
        for (SyncRoom room : asked) {
            kit.post(room.room(), CountdownFeature.txn(action, "withdrawn", room.room()), texts.requestWithdrawn(action));
        }
        return asked.size();
    }

    private SyncRoom roomOf(SyncAction action, RoomId room) {
        return store.rooms(action.id()).stream().filter(r -> r.room().equals(room)).findFirst()
                .orElseThrow(() -> new UserFacingException("Action #" + action.id() + " does not include this room."));
    }
}
