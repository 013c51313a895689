package org.assemblybot.feature.rotation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.assembly.RotatingRoles;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.UserText;

/**
 * {@code !role add|edit|remove} (organizers): a role's name and settings. Everything typed is checked before
 * anything changes; changes to term length or seats apply from the next term, except that added seats are
 * filled at once.
 */
final class RoleSettings {
    static final int MAX_NAME = 40;
    static final int MAX_ITEMS = 10;
    static final int MAX_ITEM = 80;

    private final FeatureKit kit;
    private final RotationStore store;
    private final RoleLookup lookup;
    private final RotationChanges changes;
    private final PoolPartners partners;

    RoleSettings(FeatureKit kit, RotationStore store, RoleLookup lookup, RotationChanges changes,
                 PoolPartners partners) {
        this.kit = kit;
        this.store = store;
        this.lookup = lookup;
        this.changes = changes;
        this.partners = partners;
    }

    Reply add(CommandContext context) {
        String name = name(context.arg(0));
        if (store.role(context.room(), name).isPresent()) {
            throw new UserFacingException("There already is a role `" + name + "` here; change it with `"
                    + kit.command("role edit " + name + " --seats 2") + "`.");
        }
        if (store.roles(context.room()).size() >= RotationConfig.MAX_ROLES_PER_ROOM) {
            throw new UserFacingException("A room may have " + RotationConfig.MAX_ROLES_PER_ROOM + " roles; remove one "
                    + "first.");
        }
        TermLength term = context.has("term") ? term(context.option("term")) : TermLength.ONE_WEEK;
        Role draft = settings(context, new Role(0, context.room(), name, term, 1, Shadow.defaultFor(term),
                Role.DEFAULT_MAX_TERMS, List.of(), context.sender(), kit.now()));
        Optional<PoolPartners.Target> from = partners.target(context).filter(t -> t.room() != null);
        Role role = store.create(draft);
        changes.changed(role);
        return Reply.text("Role " + role.name() + " added: " + RotationTexts.settings(role) + ". Volunteer with `"
                + kit.command("role volunteer " + role.name()) + "`." + from.map(t -> partners.link(role, t,
                context)).orElse(""));
    }

    /** A per-assembly role another feature asked for ({@link org.assemblybot.core.assembly.RotatingRoles}). */
    RotatingRoles.Added addPerAssembly(RoomId room, String typedName, UserId by) {
        String name = name(typedName);
        if (store.role(room, name).isPresent()) {
            return RotatingRoles.Added.EXISTED;
        }
        if (store.roles(room).size() >= RotationConfig.MAX_ROLES_PER_ROOM) {
            throw new UserFacingException("A room may have " + RotationConfig.MAX_ROLES_PER_ROOM + " roles; remove one "
                    + "first (`" + kit.command("role list") + "`).");
        }
        TermLength term = new TermLength(TermLength.Kind.ASSEMBLY, 0);
        changes.changed(store.create(new Role(0, room, name, term, 1, Shadow.defaultFor(term), Role.DEFAULT_MAX_TERMS,
                List.of(), by, kit.now())));
        return RotatingRoles.Added.ADDED;
    }

    Reply edit(CommandContext context) {
        Role before = lookup.role(context.room(), context.arg(0));
        if (context.options().isEmpty()) {
            throw new UserFacingException("Say what to change, e.g. `" + kit.command("role edit " + before.name()
                    + " --seats 2") + "`.");
        }
        TermLength term = context.has("term") ? term(context.option("term")) : before.term();
        Shadow shadow = context.has("term") && !context.has("shadow") ? Shadow.defaultFor(term) : before.shadow();
        Role after = settings(context, new Role(before.id(), before.room(), before.name(), term, before.seats(), shadow,
                before.maxTerms(), before.checklist(), before.createdBy(), before.createdAt()));
        Optional<PoolPartners.Target> from = partners.target(context);
        store.update(after);
        changes.seatsChanged(after);
        changes.changed(after);
        return Reply.text("Role " + after.name() + " changed: " + RotationTexts.settings(after) + "."
                + from.map(t -> partners.link(after, t, context)).orElse(""));
    }

    Reply remove(CommandContext context) {
        Role role = lookup.role(context.room(), context.arg(0));
        changes.removed(role);
        return Reply.text("Role " + role.name() + " removed, with its pool and history.");
    }

    /** The options given, over {@code base}; refuses bad values before anything is stored. */
    private Role settings(CommandContext context, Role base) {
        int seats = context.has("seats") ? seats(context.option("seats")) : base.seats();
        Shadow shadow = context.has("shadow") ? Shadow.parse(context.option("shadow")) : base.shadow();
        Integer maxTerms = context.has("max-terms") ? maxTerms(context.option("max-terms")) : base.maxTerms();
        List<String> checklist = context.has("checklist") ? checklist(context.option("checklist")) : base.checklist();
        if (shadow.inAssemblies() && base.term().kind() != TermLength.Kind.ASSEMBLY) {
            throw new UserFacingException("A shadow counted in assemblies needs `--term assembly`; for "
                    + base.term().describe() + " terms give a duration, e.g. `--shadow 1w`.");
        }
        if (!shadow.inAssemblies() && base.term().kind() == TermLength.Kind.WEEKS
                && shadow.lead().toDays() > 7L * base.term().weeks()) {
            throw new UserFacingException("The shadow period (" + shadow.stored() + ") is longer than a term ("
                    + base.term().describe() + "). Example: `--shadow 1w`.");
        }
        return new Role(base.id(), base.room(), base.name(), base.term(), seats, shadow, maxTerms, checklist,
                base.createdBy(), base.createdAt());
    }

    private String name(String typed) {
        String name = typed.strip().replaceAll("\\s+", " ");
        if (name.isEmpty() || name.length() > MAX_NAME || name.startsWith("@") || name.contains("`")) {
            throw new UserFacingException("A role name is 1 to " + MAX_NAME + " characters, e.g. `"
                    + kit.command(RotationTexts.ADD_EXAMPLE) + "`.");
        }
        return name;
    }

    private static TermLength term(String typed) {
        return TermLength.parse(typed);
    }

    private static int seats(String typed) {
        try {
            int seats = Integer.parseInt(typed.strip());
            if (seats >= 1 && seats <= RotationConfig.MAX_SEATS) {
                return seats;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserFacingException("`--seats` is a number from 1 to " + RotationConfig.MAX_SEATS
                + ", e.g. `--seats 2`.");
    }

    private static Integer maxTerms(String typed) {
        String word = typed.strip().toLowerCase(Locale.ROOT);
        if (word.equals("unlimited") || word.equals("none")) {
            return null;
        }
        try {
            int max = Integer.parseInt(word);
            if (max >= 1 && max <= 52) {
                return max;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserFacingException("`--max-terms` is how many terms in a row one person may hold: 1 to 52, or "
                + "`unlimited`. Example: `--max-terms 2`.");
    }

    private static List<String> checklist(String typed) {
        List<String> items = Arrays.stream(typed.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.size() > MAX_ITEMS || items.stream().anyMatch(i -> i.length() > MAX_ITEM)) {
            throw new UserFacingException("A checklist has at most " + MAX_ITEMS + " items of " + MAX_ITEM
                    + " characters, separated by `;`, e.g. `--checklist \"keys; agenda\"`.");
        }
        return items.stream().map(i -> UserText.quotable(i, MAX_ITEM)).toList();
    }
}
