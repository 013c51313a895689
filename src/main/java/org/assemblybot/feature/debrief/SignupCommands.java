package org.assemblybot.feature.debrief;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.UserText;

/**
 * {@code !debrief roles add <role> <slots> [--days 14]} (organizers) and {@code !signup <role>},
 * {@code !signup drop <role>}, {@code !signup renew <role>}. Every refusal comes before the first write, with the
 * usage and an example: bad input changes nothing. No free text is kept: a signup stores who, which role and when.
 */
final class SignupCommands {
    /** A board with more lines than this is a wall of text, not a board. */
    static final int MAX_ROLES = 12;

    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteMicroRoleStore store;
    private final Terms terms;
    private final RoleBoard board;
    private final MicroRoleTexts texts;

    SignupCommands(FeatureKit kit, DebriefStore debriefs, SqliteMicroRoleStore store, Terms terms, RoleBoard board,
                   MicroRoleTexts texts) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.store = store;
        this.terms = terms;
        this.board = board;
        this.texts = texts;
    }

    Reply add(CommandContext context) {
        String usage = texts.addUsage();
        if (!"add".equalsIgnoreCase(context.arg(0).strip())) {
            throw new UserFacingException("Organizers add micro-roles; nothing else is done with them here." + usage);
        }
        Debrief d = debriefs.inRoom(context.room(), DebriefCommands.LISTED).stream()
                .filter(x -> x.state() != Debrief.State.CANCELLED).findFirst()
                .orElseThrow(() -> new UserFacingException("There is no debrief in this room to offer roles at; start "
                        + "one first: `" + texts.command(DebriefTexts.START_EXAMPLE) + "`." + usage));
        if (!terms.running(d)) {
            throw new UserFacingException("The micro-roles of debrief " + d.label() + " are over; roles are offered "
                    + "at a new debrief." + usage);
        }
        String name = UserText.quotable(context.arg(1), MicroRole.MAX_NAME + 1);
        String key = MicroRole.key(name);
        if (key.isEmpty() || name.codePointCount(0, name.length()) > MicroRole.MAX_NAME) {
            throw new UserFacingException("A role's name has 1 to " + MicroRole.MAX_NAME + " characters, with letters "
                    + "or digits." + usage);
        }
        int slots = count(context.arg(2), 1, MicroRole.MAX_SLOTS, "A micro-role has 1 to " + MicroRole.MAX_SLOTS
                + " slots", usage);
        String daysTyped = context.option("days");
        int days = daysTyped == null ? MicroRole.DEFAULT_DAYS : count(daysTyped, 1, MicroRole.MAX_DAYS,
                "A term lasts 1 to " + MicroRole.MAX_DAYS + " days (`--days 14`)", usage);
        List<MicroRole> roles = store.roles(d.id());
        if (roles.stream().anyMatch(r -> r.nameKey().equals(key))) {
            throw new UserFacingException("Debrief " + d.label() + " offers “" + name + "” already; the board shows "
                    + "it." + usage);
        }
        if (roles.size() >= MAX_ROLES) {
            throw new UserFacingException("Debrief " + d.label() + " offers " + MAX_ROLES + " roles already: a few "
                    + "small roles that people carry do more than many that stay empty.");
        }
        MicroRole role = store.create(new MicroRole(0, d.id(), name, key, slots, days, context.sender(), kit.now()));
        board.show(terms.settle(d.id()));
        return Reply.of(texts.added(role, d, roles.isEmpty()));
    }

    Reply signup(CommandContext context) {
        Found found = find(context.room(), context.arg(0));
        MicroRole role = found.role();
        UserId person = context.sender();
        Optional<Signup> already = terms.of(role, person);
        if (already.isPresent() && already.get().kind() == Signup.Kind.HOLDER) {
            throw new UserFacingException("You hold “" + role.name() + "” already, until " + when(already.get(),
                    context.room()) + ". Another term: `" + texts.command("signup renew " + role.name()) + "`.");
        }
        if (already.isPresent() && already.get().kind() == Signup.Kind.WAITING) {
            throw new UserFacingException("You are on the waiting list of “" + role.name() + "” already (number "
                    + place(role, person) + "); I tell you when a slot frees up.");
        }
        // A shadow who wants to hold the role themselves: the shadow seat ends, the term starts.
        already.ifPresent(shadow -> terms.drop(shadow, role, found.debrief()));
        long held = store.active(role.id()).stream().filter(s -> s.kind() == Signup.Kind.HOLDER).count();
        if (held < role.slots()) {
            Signup s = terms.hold(Signup.waiting(role.id(), person, kit.now()), role, context.room());
            terms.settle(found.debrief().id());
            return Reply.of(texts.holds(role, s.endsAt(), kit.zoneOf(context.room())));
        }
        store.add(Signup.waiting(role.id(), person, kit.now()));
        terms.settle(found.debrief().id());
        return Reply.of(texts.waiting(role, place(role, person)));
    }

    Reply drop(CommandContext context) {
        Found found = find(context.room(), context.arg(0));
        Signup s = terms.of(found.role(), context.sender()).orElseThrow(() -> new UserFacingException("You neither "
                + "hold “" + found.role().name() + "” nor wait for it; " + yours(context.room(), context.sender())
                + texts.signupUsage()));
        terms.drop(s, found.role(), found.debrief());
        terms.settle(found.debrief().id());
        return Reply.of(texts.dropped(found.role(), s.kind()));
    }

    Reply renew(CommandContext context) {
        Found found = find(context.room(), context.arg(0));
        MicroRole role = found.role();
        Signup s = terms.of(role, context.sender()).filter(x -> x.kind() == Signup.Kind.HOLDER)
                .orElseThrow(() -> new UserFacingException("You do not hold “" + role.name() + "”, so there is no "
                        + "term to renew; " + yours(context.room(), context.sender()) + " Sign up with `"
                        + texts.command("signup " + role.name()) + "`."));
        if (s.endsAt().isAfter(kit.now().plus(role.term()))) {
            throw new UserFacingException("You renewed already: you hold “" + role.name() + "” until "
                    + when(s, context.room()) + ". Renew again during that last term.");
        }
        long waiting = store.active(role.id()).stream().filter(x -> x.kind() == Signup.Kind.WAITING).count();
        if (waiting > 0) {
            throw new UserFacingException(waiting + (waiting == 1 ? " person waits" : " people wait") + " for “"
                    + role.name() + "”: their turn comes first. Thank you for your term!");
        }
        Signup renewed = terms.renew(s, role, context.room());
        terms.settle(found.debrief().id());
        return Reply.of(texts.renewed(role, renewed.endsAt(), kit.zoneOf(context.room())));
    }

    /** A role and the debrief offering it. */
    record Found(Debrief debrief, MicroRole role) {
    }

    /**
     * The role a person typed, among the room's debriefs whose roles still run, the latest first: the same name
     * (normalised), else the one role whose name has all the typed words ({@code medic} for "medic team").
     */
    private Found find(RoomId room, String typed) {
        List<Debrief> running = terms.runningIn(room);
        if (running.isEmpty()) {
            throw new UserFacingException("No micro-roles are open in this room. After a debrief, organizers offer "
                    + "them with `" + texts.command("debrief roles add <role> <slots>") + "`.");
        }
        String key = MicroRole.key(typed == null ? "" : typed);
        List<Found> open = running.stream().flatMap(d -> store.roles(d.id()).stream().map(r -> new Found(d, r)))
                .toList();
        Optional<Found> exact = open.stream().filter(f -> f.role().nameKey().equals(key)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        List<String> words = MicroRole.words(key);
        List<Found> partial = words.isEmpty() ? List.of() : open.stream()
                .filter(f -> MicroRole.words(f.role().nameKey()).containsAll(words)).toList();
        if (partial.size() == 1) {
            return partial.get(0);
        }
        throw new UserFacingException("There is no micro-role “" + UserText.quotable(typed == null ? "" : typed, 40)
                + "” open here. Open: " + open.stream().map(f -> f.role().name()).distinct()
                .collect(Collectors.joining(", ")) + "." + texts.signupUsage());
    }

    private int place(MicroRole role, UserId person) {
        List<Signup> waiting = store.active(role.id()).stream().filter(s -> s.kind() == Signup.Kind.WAITING).toList();
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).user().equals(person)) {
                return i + 1;
            }
        }
        return waiting.size() + 1;
    }

    /** "yours here: medic team (holding), comms (waiting)." or "you have none here." */
    private String yours(RoomId room, UserId person) {
        List<String> mine = store.activeOf(room, person).stream().map(s -> store.role(s.roleId())
                .map(MicroRole::name).orElse("?") + switch (s.kind()) {
                    case HOLDER -> " (holding)";
                    case WAITING -> " (waiting)";
                    case SHADOW -> " (shadowing)";
                })
                .toList();
        return mine.isEmpty() ? "you have no micro-role here." : "yours here: " + String.join(", ", mine) + ".";
    }

    private String when(Signup s, RoomId room) {
        ZoneId zone = kit.zoneOf(room);
        return DebriefTexts.when(s.endsAt(), zone);
    }

    private static int count(String typed, int min, int max, String rule, String usage) {
        String digits = typed == null ? "" : typed.strip();
        if (digits.matches("\\d{1,3}")) {
            int n = Integer.parseInt(digits);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw new UserFacingException(rule + ", not `" + UserText.quotable(digits, 10) + "`." + usage);
    }
}
