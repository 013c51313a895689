package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * Micro-roles for the two weeks after a debrief (issue 11): organizers offer them ({@code !debrief roles add}),
 * people take a term ({@code !signup}), wait for a free slot, drop or renew; holders are reminded halfway and the day
 * before the end, released with thanks at the end, and the room gets a summary when the last term is over. A board
 * edited in place shows it all. Parts: {@link SignupCommands}, {@link Terms}, {@link TermSchedule},
 * {@link MicroRoleSteps}, {@link RoleBoard}, {@link SqliteMicroRoleStore}.
 */
final class MicroRoles implements DueHandler {
    /** Words too common to relate a skill to a role ("team building" is not "medic team"). */
    private static final Set<String> COMMON = Set.of("and", "the", "for", "with", "team", "crew", "group", "role",
            "help", "support", "work", "skills", "skill");

    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteMicroRoleStore store;
    private final MicroRoleTexts texts;
    private final TermSchedule schedule;
    private final Terms terms;
    private final SignupCommands commands;
    private final MicroRoleSteps due;

    MicroRoles(FeatureKit kit, DebriefStore debriefs, DebriefSteps steps, SqliteDebriefStore sqlite) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.store = new SqliteMicroRoleStore(sqlite.database());
        this.texts = new MicroRoleTexts(kit.prefix());
        this.schedule = new TermSchedule(kit);
        RoleBoard board = new RoleBoard(kit, store, texts);
        this.terms = new Terms(kit, debriefs, store, steps, schedule, board, texts);
        this.commands = new SignupCommands(kit, debriefs, store, terms, board, texts);
        this.due = new MicroRoleSteps(kit, debriefs, store, terms, texts);
    }

    /** {@code !debrief roles add <role> <slots> [--days 14]} (organizers). */
    Reply add(CommandContext context) {
        return commands.add(context);
    }

    /** {@code !signup <role>}, {@code !signup drop <role>}, {@code !signup renew <role>}. */
    List<Command> commands() {
        ArgSpec role = ArgSpec.rest("role", "the micro-role's name, e.g. medic team", true);
        return List.of(Command.named("signup").args(role)
                .summary("Takes a micro-role for a term after a debrief, or a place on its waiting list when it is "
                        + "full.").example(MicroRoleTexts.SIGNUP_EXAMPLE).handler(commands::signup)
                .sub(Command.named("drop").args(role).summary("Leaves a micro-role, or its waiting list.")
                        .example("signup drop medic team").handler(commands::drop))
                .sub(Command.named("renew").args(role).summary("Takes another term of a micro-role you hold.")
                        .example("signup renew medic team").handler(commands::renew))
                .build());
    }

    /** Someone left the room or was banned: their signups there end, and the next waiting take the freed slots. */
    void onEvent(ChatEvent event) {
        if (!(event instanceof ChatEvent.Membership m) || m.target().equals(kit.self())
                || !(m.membership().equals("leave") || m.membership().equals("ban"))) {
            return;
        }
        kit.transactions().run(() -> {
            for (Signup s : store.activeOf(m.room(), m.target())) {
                MicroRole role = store.role(s.roleId()).orElseThrow();
                Debrief d = debriefs.debrief(role.debriefId()).orElseThrow();
                terms.drop(s, role, d);
                terms.settle(d.id());
            }
        });
    }

    /** After {@code !forget me}: freed slots go to the waiting, and the boards of the room's debriefs show it. */
    void refreshBoards(RoomId room) {
        for (Debrief d : debriefs.inRoom(room, DebriefCommands.LISTED)) {
            List<MicroRole> roles = store.roles(d.id());
            if (roles.isEmpty() || d.purgedAt() != null) {
                continue;
            }
            if (terms.running(d)) {
                roles.forEach(role -> terms.fill(role, d));
            }
            terms.settle(d.id());
        }
    }

    /**
     * For the skills part: {@code person} wished for the skill {@code skillTag}; offers them a shadow seat with the
     * current holder of a related micro-role in {@code room}, for the rest of that holder's term.
     *
     * <p>Related: the role's name and the tag share a word once both are normalised ({@link MicroRole#key}), ignoring
     * words under three letters, a plural "s" and generic words like "team" — so "first aid" does not match
     * "medic team", but "medic" or "medics" does, and "social media" matches "comms and social media". Roles are
     * looked for among the room's debriefs whose roles still run, the latest first, each in the order offered; the
     * holder is the one holding it longest whose term still runs, and never the person themselves. A role the person
     * already holds, waits for or shadows is skipped.
     *
     * <p>Records a SHADOW signup ending with the holder's current term (released then, with a word of thanks), tells
     * both by direct message (mentions), and shows the shadow on the board. Idempotent per person and role: a second
     * call finds them shadowing and offers nothing. Call it inside the caller's transaction (a command or a step).
     *
     * @return the seat, or empty when no running role relates to the tag or it has no other holder
     */
    Optional<ShadowSeat> offerShadow(RoomId room, String skillTag, UserId person) {
        return kit.transactions().inTransaction(() -> {
            Set<String> wished = stems(MicroRole.key(skillTag));
            for (Debrief d : terms.runningIn(room)) {
                for (MicroRole role : store.roles(d.id())) {
                    if (wished.stream().noneMatch(stems(role.nameKey())::contains)
                            || terms.of(role, person).isPresent()) {
                        continue;
                    }
                    Optional<Signup> holder = store.active(role.id()).stream()
                            .filter(s -> s.kind() == Signup.Kind.HOLDER && s.endsAt().isAfter(kit.now()))
                            .min(Comparator.comparing(Signup::since));
                    if (holder.isPresent()) {
                        return Optional.of(shadow(d, role, holder.get(), person));
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** A shadow seat taken: in which debrief and role, with whom, until when. */
    record ShadowSeat(long debriefId, String role, UserId holder, Instant until) {
    }

    private ShadowSeat shadow(Debrief d, MicroRole role, Signup holder, UserId person) {
        Signup seat = store.add(Signup.shadow(role.id(), person, kit.now(), holder.endsAt()));
        schedule.plan(seat, role, d.room());
        kit.tell(person, FeatureKit.once(TermSchedule.ref(seat), "shadow", d.room()),
                texts.shadowSeat(person, role, holder.user(), seat.endsAt(), kit.zoneOf(d.room())));
        kit.tell(holder.user(), FeatureKit.once(TermSchedule.ref(seat), "shadowed", d.room()),
                texts.shadowed(holder.user(), role, person));
        terms.settle(d.id());
        return new ShadowSeat(d.id(), role.name(), holder.user(), seat.endsAt());
    }

    /** The words that relate a tag to a role: three letters or more, not generic, without a plural "s". */
    private static Set<String> stems(String key) {
        return MicroRole.words(key).stream().filter(w -> w.length() >= 3 && !COMMON.contains(w))
                .map(w -> w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        due.onDue(item, occurrence, late);
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        due.onMissed(item, occurrence, late);
    }
}
