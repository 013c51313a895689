package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.assembly.RotatingRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.text.RichText;

/**
 * Roles that circulate, fair and explained (issue 9). Organizers declare roles; people volunteer for themselves
 * (consent first); the fair order ({@link RotationOrder}) picks holders and says why; a pinned roster shows who
 * holds what ({@link Roster}); overrides are public history ({@link Overrides}).
 *
 * <p>This class declares the commands and hands the work on: {@link RoleSettings} (add, edit, remove),
 * {@link PoolCommands} (volunteer, withdraw, away, back), {@link RoleViews} (next, list, history),
 * {@link Overrides} (assign, swap, skip); {@link RotationPlanner} places terms in time and fills seats,
 * {@link RotationChanges} follows up every change. It also names the holders at an assembly
 * ({@link AssemblyRoles}) and reads the room's assemblies through {@link AssemblyCalendar}.
 */
public final class RotationFeature implements Feature, AssemblyRoles, RotatingRoles {
    public static final String ID = "rotation";

    private final FeatureKit kit;
    private final RotationStore store;
    private final RoleSettings settings;
    private final PoolCommands pool;
    private final RoleViews views;
    private final Overrides overrides;
    private final RotationChanges changes;
    private final CycleSteps steps;
    private final Succession succession;
    private final AnswerCommands answers;
    private final PoolPartners partners;

    public RotationFeature(FeatureKit kit, SqliteRotationStore store, AssemblyCalendar calendar, RotationConfig config) {
        this(kit, (RotationStore) store, calendar, config);
    }

    RotationFeature(FeatureKit kit, RotationStore store, AssemblyCalendar calendar, RotationConfig config) {
        this.kit = kit;
        this.store = store;
        RotationTexts texts = new RotationTexts(kit.prefix());
        RoleLookup lookup = new RoleLookup(store, texts, kit.rooms());
        RotationPlanner planner = new RotationPlanner(kit, store, calendar, config);
        CycleTexts cycleTexts = new CycleTexts(texts);
        this.succession = new Succession(kit, store, planner, cycleTexts);
        this.steps = new CycleSteps(kit, store, planner, succession, new Handover(kit, store, planner, succession,
                cycleTexts));
        RotationWarnings warnings = new RotationWarnings(kit, store, planner, config, texts, cycleTexts);
        this.changes = new RotationChanges(kit, store, planner, new Roster(kit, store, planner, texts, warnings), steps,
                warnings);
        this.answers = new AnswerCommands(kit, lookup, succession, cycleTexts, changes);
        this.partners = new PoolPartners(kit, store, lookup, succession, changes);
        this.settings = new RoleSettings(kit, store, lookup, changes, partners);
        this.pool = new PoolCommands(kit, store, lookup, planner, changes);
        this.views = new RoleViews(kit, store, lookup, planner, partners);
        this.overrides = new Overrides(kit, store, lookup, planner, changes);
        calendar.addListener(room -> {
            if (store.roles(room).isEmpty()) {
                return;
            }
            for (Role role : store.roles(room)) {
                if (planner.realign(role)) {
                    steps.cancel(role.id());
                    succession.retimed(role);
                }
            }
            changes.roomChanged(room);
        });
    }

    @Override
    public DueHandler dueHandler() {
        return steps;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        ArgSpec role = ArgSpec.required("role", "the role's name, e.g. Facilitation, or \"Note taking\" in quotes");
        ArgSpec name = ArgSpec.required("name", "the role's name (in quotes when it has several words)");
        OptionSpec[] options = {
            OptionSpec.value("term", "assembly|moon|1w…13w", "how long one term lasts (default 1w)"),
            OptionSpec.value("seats", "N", "how many people hold it at once (default 1)"),
            OptionSpec.words("shadow", "1w|1 assembly", "how long before a term the successor is picked "
                    + "(default 1w, or 1 assembly)"),
            OptionSpec.value("max-terms", "N|unlimited", "terms in a row one person may hold (default 1)"),
            OptionSpec.words("checklist", "\"item; item\"", "what the holder hands over, separated by ;"),
            OptionSpec.value("pool-from", "#room:server|none", "also draw volunteers from this partner room (you "
                    + "must be a member there; it is asked unless you are an organizer there too)")};
        OptionSpec forRoom = OptionSpec.value("for", "#room:server", "in a partner room: the role's own room");
        ArgSpec roleRoom = ArgSpec.required("room", "the role's room, its alias or id, e.g. #assembly:example.org");
        ArgSpec reason = ArgSpec.rest("reason", "why, for the history", false);
        return List.of(Command.named("role").summary("Roles that circulate: fair, explained, by consent.")
                .example("role next Facilitation")
                .sub(Command.named("add").args(name).options(options).forOrganizers()
                        .summary("Adds a role.").example(RotationTexts.ADD_EXAMPLE).handler(settings::add))
                .sub(Command.named("edit").args(name).options(options).forOrganizers()
                        .summary("Changes a role's settings (from the next term on; added seats are filled at once).")
                        .example("role edit Facilitation --seats 2").handler(settings::edit))
                .sub(Command.named("remove").args(name).forOrganizers()
                        .summary("Removes a role with its pool and history.").example("role remove Notes")
                        .handler(settings::remove))
                .sub(Command.named("volunteer").args(role).options(forRoom).summary("Puts you in the role's pool "
                                + "(in a partner room: with --for the role's room).")
                        .example("role volunteer Facilitation").handler(pool::volunteer))
                .sub(Command.named("withdraw").args(role).options(forRoom)
                        .summary("Takes you out of the pool; a seat you hold passes to the next in line.")
                        .example("role withdraw Facilitation").handler(pool::withdraw))
                .sub(Command.named("away").args(ArgSpec.required("until", "a date, e.g. 2027-01-12 or 12 Jan, or a "
                                        + "length like 3w"), ArgSpec.rest("reason", "a few words, stored and shown", false))
                        .summary("Marks you away: you are not picked for terms starting before then.")
                        .example("role away 12 Jan travelling").handler(pool::away))
                .sub(Command.named("back").summary("Ends your away period.").example("role back").handler(pool::back))
                .sub(Command.named("accept").args(role).options(forRoom)
                        .summary("Accepts the role you were asked to take next (✅ on the request does the same).")
                        .example("role accept Facilitation").handler(answers::accept))
                .sub(Command.named("decline").args(role, ArgSpec.rest("reason", "a few words, shown to the "
                                + "organizers", false)).options(forRoom)
                        .summary("Declines the role you were asked to take next; the next in line is asked.")
                        .example("role decline Facilitation travelling that week").handler(answers::decline))
                .sub(Command.named("next").args(role).options(forRoom).summary("Who is next for a role, and why.")
                        .example("role next Facilitation").handler(views::next))
                .sub(Command.named("list").summary("Lists the roles of this room.").example("role list")
                        .handler(views::list))
                .sub(Command.named("history").args(role)
                        .options(OptionSpec.flag("file", "the whole record as a Markdown file"))
                        .summary("Who held a role, and the organizers' overrides.")
                        .example("role history Facilitation").handler(views::history))
                .sub(Command.named("assign").args(role, ArgSpec.required("person", "someone from the pool"), reason)
                        .forOrganizers().summary("Gives someone from the pool a seat of the current term.")
                        .example("role assign Facilitation @dana:example.org she asked").handler(overrides::assign))
                .sub(Command.named("swap").args(role, ArgSpec.required("holder", "who holds it now"),
                                ArgSpec.required("person", "who takes over, from the pool"), reason)
                        .forOrganizers().summary("Hands a holder's seat to someone from the pool.")
                        .example("role swap Notes @ali:example.org @kim:example.org").handler(overrides::swap))
                .sub(Command.named("skip").args(role, reason).forOrganizers()
                        .summary("Passes over the current holders for this term; the next in line take over.")
                        .example("role skip Facilitation ill this week").handler(overrides::skip))
                .sub(Command.named("partner-accept").args(roleRoom, role).forOrganizers()
                        .summary("In a partner room: lets its people volunteer for a role of that room.")
                        .example("role partner-accept #assembly:example.org Facilitation").handler(partners::accept))
                .sub(Command.named("partner-decline").args(roleRoom, role).forOrganizers()
                        .summary("In a partner room: declines, or stops sharing volunteers (they leave the pool).")
                        .example("role partner-decline #assembly:example.org Facilitation").handler(partners::decline))
                .build());
    }

    /**
     * ✅ on a request accepts it; someone left the room: their seats pass on, a request to them counts as declined,
     * and the room is told; the bot left: the room's roles go (M6), and so do links to it as a partner room
     * ({@link PoolPartners}).
     */
    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Reaction reaction) {
            answers.onReaction(reaction);
            return;
        }
        if (!(event instanceof ChatEvent.Membership m)
                || !(m.membership().equals("leave") || m.membership().equals("ban"))) {
            return;
        }
        if (m.target().equals(kit.self())) {
            partners.botLeft(m.room());
            store.roles(m.room()).forEach(r -> steps.cancel(r.id()));
            store.deleteRoom(m.room());
            return;
        }
        partners.personLeft(m.room(), m.target());
        left(m.room(), m.target());
    }

    private void left(RoomId room, UserId person) {
        boolean changed = false;
        for (Role role : store.roles(room)) {
            changed |= succession.successorTerm(role, person).map(t -> succession.passOn(role, t, Term.State.DECLINED,
                    "left the room, so declines", null)).orElse(false);
            boolean held = changes.release(role, person, "left the room");
            changed |= store.withdraw(role.id(), person) | held;
            if (held) {
                kit.post(room, FeatureKit.once(ID + ":left:" + role.id() + ":" + person.value(), kit.now().toString(),
                        room), RichText.create().text("Organizers: " + person.value() + " left the room and no longer "
                        + "holds " + role.name() + "; the next in line takes over (see the roster)."));
            }
        }
        if (changed) {
            changes.roomChanged(room);
        }
    }

    /** A role another feature asked for (the global mirror's researcher), as if its organizer had added it. */
    @Override
    public Added addPerAssemblyRole(RoomId room, String name, UserId by) {
        return settings.addPerAssembly(room, name, by);
    }

    @Override
    public void addListener(RotatingRoles.Listener listener) {
        changes.addListener(listener);
    }

    /** Role name → holders at the assembly of {@code room} starting at {@code start}, by seat (accepted terms). */
    @Override
    public Map<String, List<UserId>> holdersAt(RoomId room, Instant start) {
        Map<String, List<UserId>> holders = new LinkedHashMap<>();
        for (Role role : store.roles(room)) {
            List<UserId> at = store.terms(role.id()).stream()
                    .filter(t -> t.state() == Term.State.ACCEPTED && !t.from().isAfter(start) && t.to().isAfter(start))
                    .sorted(Comparator.comparingInt(Term::seat)).map(Term::holder).toList();
            if (!at.isEmpty()) {
                holders.put(role.name(), at);
            }
        }
        return holders;
    }
}
