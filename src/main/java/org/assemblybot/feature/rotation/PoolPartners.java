package org.assemblybot.feature.rotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.UserText;

/**
 * A role's partner room (issue 9, across borders): {@code --pool-from <room>} lets the role also draw volunteers
 * from one other room, so that someone from another group rotates into it. Being an organizer in one room must not
 * let anyone post into every room they share with the bot: the partner room takes part at once only where the
 * organizer who linked it is an organizer there too (M8); anywhere else it gets one short request and takes part
 * once one of its own organizers answers {@code !role partner-accept}. Its people then volunteer there with
 * {@code --for <the role's room>}, consent first as always, and the fair order treats them like everyone else.
 *
 * <p>Unlinking — by either room's organizers, or because the bot left either room — takes the partner room's people
 * out of the pool (a seat they hold passes on, a request to them counts as declined) and tells the other room.
 */
final class PoolPartners {
    private static final String LINKED_AT_ONCE = "you are an organizer there too, so it takes part at once";

    /** A partner room as the organizer named it; {@code room} null for {@code none}. */
    record Target(RoomId room, String shownAs) {
    }

    private final FeatureKit kit;
    private final RotationStore store;
    private final PartnerStore partners;
    private final RoleLookup lookup;
    private final Succession succession;
    private final RotationChanges changes;

    PoolPartners(FeatureKit kit, RotationStore store, RoleLookup lookup, Succession succession,
                 RotationChanges changes) {
        this.kit = kit;
        this.store = store;
        this.partners = store.partners();
        this.lookup = lookup;
        this.succession = succession;
        this.changes = changes;
    }

    // ---------------------------------------------------------------------------------------------
    // Linking, from the role's room (!role add|edit … --pool-from)

    /** The room {@code --pool-from} names, checked before anything changes; empty when not given. */
    Optional<Target> target(CommandContext context) {
        String typed = context.option("pool-from");
        if (typed == null) {
            return Optional.empty();
        }
        String example = "e.g. `" + kit.command("role edit Facilitation --pool-from #partners:example.org") + "` (or `"
                + "--pool-from none`).";
        if (typed.strip().equalsIgnoreCase("none")) {
            return Optional.of(new Target(null, "none"));
        }
        RoomId room = lookup.room(typed, example);
        String shown = UserText.quotable(typed.strip(), 80);
        if (room.equals(context.room())) {
            throw new UserFacingException("A role's partner room is another room than its own; " + example);
        }
        if (!kit.rooms().joinedMembers(room).contains(context.sender())) {
            throw new UserFacingException("You are not a member of `" + shown + "`, so you can't link it; " + example);
        }
        return Optional.of(new Target(room, shown));
    }

    /** Links {@code role} to {@code target} (or unlinks it for {@code none}); a sentence for the reply. */
    String link(Role role, Target target, CommandContext context) {
        UserId organizer = context.sender();
        String cause = context.event().value();
        Optional<PartnerLink> before = partners.link(role.id());
        if (target.room() == null) {
            return before.map(l -> " " + unlink(role, l, "its organizers unlinked it", cause)).orElse("");
        }
        if (before.isPresent() && before.get().room().equals(target.room()) && before.get().open()) {
            return " It already " + (before.get().active() ? "draws volunteers from " : "asked ") + before.get().shownAs()
                    + ".";
        }
        String replaced = before.map(l -> " " + unlink(role, l, "its organizers chose another room", cause)).orElse("");
        boolean atOnce = kit.organizers().isOrganizer(target.room(), organizer);
        PartnerLink link = new PartnerLink(role.id(), target.room(), target.shownAs(),
                atOnce ? PartnerLink.State.ACTIVE : PartnerLink.State.PENDING, organizer, kit.now());
        partners.link(link);
        RichText notice = RichText.create().text("🌍 The role ").bold(role.name()).text(" in " + home(role)
                + (atOnce ? " now draws volunteers from this room too" : " would like to draw volunteers from this "
                + "room too") + " (" + RotationTexts.settings(role) + "; asked by " + organizer.value() + "). ");
        if (atOnce) {
            notice.text("Volunteer with ").code(volunteer(role)).text("; organizers here can stop it with ")
                    .code(answer(role, "decline")).text(".");
        } else {
            notice.text("Organizers here: ").code(answer(role, "accept")).text(" or ").code(answer(role, "decline"))
                    .text(".");
        }
        kit.post(target.room(), once(role, atOnce ? "linked" : "request", cause), notice);
        return replaced + (atOnce ? " People in " + target.shownAs() + " can volunteer there with `" + volunteer(role)
                + "` (" + LINKED_AT_ONCE + ")." : " " + target.shownAs() + " is asked to share volunteers; it takes "
                + "part once one of its organizers accepts, and this room is told either way.");
    }

    // ---------------------------------------------------------------------------------------------
    // Answers from the partner room (organizers there)

    /** {@code !role partner-accept <role's room> <role>}: this room's people may volunteer from now on. */
    Reply accept(CommandContext context) {
        Role role = asked(context);
        PartnerLink link = partners.link(role.id()).orElseThrow();
        if (!partners.answer(role.id(), PartnerLink.State.PENDING, PartnerLink.State.ACTIVE, context.sender(),
                kit.now())) {
            throw new UserFacingException(link.active() ? "This room already shares volunteers with " + role.name()
                    + "." : "This room declined " + role.name() + "; its organizers can ask again with `"
                    + kit.command("role edit " + quoted(role.name()) + " --pool-from <this room>") + "`.");
        }
        kit.post(role.room(), once(role, "accepted", context.event().value()), RichText.create().text("🌍 " + link.shownAs() + " accepted ("
                + context.sender().value() + "): its people can now volunteer for ").bold(role.name())
                .text(" too."));
        return Reply.of(RichText.create().text("This room now shares volunteers with ").bold(role.name())
                .text(" in " + home(role) + "; " + home(role) + " is told. Volunteer with ").code(volunteer(role))
                .text(", withdraw with ").code(kit.command("role withdraw " + quoted(role.name()) + " --for "
                        + home(role))).text("."));
    }

    /** {@code !role partner-decline <role's room> <role>}: before or after accepting; the role's room is told. */
    Reply decline(CommandContext context) {
        Role role = asked(context);
        PartnerLink link = partners.link(role.id()).orElseThrow();
        if (!link.open() || !partners.answer(role.id(), link.state(), PartnerLink.State.DECLINED, context.sender(),
                kit.now())) {
            throw new UserFacingException("This room already declined " + role.name() + ".");
        }
        List<UserId> out = link.active() ? takeOut(role, "its room stopped sharing volunteers") : List.of();
        kit.post(role.room(), once(role, "declined", context.event().value()), RichText.create().text("🌍 Organizers: " + link.shownAs()
                + (link.active() ? " no longer shares" : " declined to share") + " volunteers for ").bold(role.name())
                .text(" (" + context.sender().value() + ")" + left(out, link.shownAs()) + "."));
        return Reply.text((link.active() ? "This room no longer shares volunteers with " : "Declined: this room does "
                + "not share volunteers with ") + role.name() + " in " + home(role) + "; that room is told."
                + (out.isEmpty() ? "" : " " + people(out.size()) + " from here left its pool."));
    }

    /** The role the answer names, which must have asked this room. */
    private Role asked(CommandContext context) {
        RoomId home = lookup.room(context.arg(0), "e.g. `" + kit.command("role partner-accept #assembly:example.org "
                + "Facilitation") + "`.");
        Role role = lookup.role(home, context.arg(1), "in `" + UserText.quotable(context.arg(0), 80) + "`");
        if (partners.link(role.id()).filter(l -> l.room().equals(context.room())).isEmpty()) {
            throw new UserFacingException(role.name() + " in `" + UserText.quotable(context.arg(0), 80)
                    + "` has not asked this room to share volunteers; nothing changed.");
        }
        return role;
    }

    // ---------------------------------------------------------------------------------------------
    // The bot or a person left a room

    /** The bot left {@code room}: links to it end (its people out of the pools), and roles of it tell partners. */
    void botLeft(RoomId room) {
        for (PartnerLink link : partners.linksTo(room)) {
            Optional<Role> role = store.role(link.roleId());
            if (role.isPresent() && link.open()) {
                List<UserId> out = takeOut(role.get(), "I left their room");
                kit.post(role.get().room(), once(role.get(), "bot-left", now()), RichText.create().text("🌍 Organizers: I am "
                        + "no longer in " + link.shownAs() + ", so ").bold(role.get().name()).text(" no longer draws "
                        + "volunteers from there" + left(out, link.shownAs()) + "."));
            }
            partners.unlink(link.roleId());
        }
        for (Role role : store.roles(room)) {
            partners.link(role.id()).filter(PartnerLink::open).ifPresent(l -> kit.post(l.room(), once(role, "gone", now()),
                    RichText.create().text("🌍 The role ").bold(role.name()).text(" in " + home(role) + " no longer "
                            + "draws volunteers from here: I left that room.")));
        }
    }

    /** {@code person} left the partner room {@code room}: they leave the pools they joined from there. */
    void personLeft(RoomId room, UserId person) {
        for (PartnerLink link : partners.linksTo(room)) {
            Optional<Role> role = store.role(link.roleId());
            if (role.isPresent() && link.active() && partners.partnerPeople(link.roleId()).contains(person)) {
                store.withdraw(link.roleId(), person);
                if (out(role.get(), person, "left " + link.shownAs())) {
                    kit.post(role.get().room(), once(role.get(), "left:" + person.value(), now()), RichText.create()
                            .text("Organizers: " + person.value() + " left " + link.shownAs() + " and no longer holds "
                                    + role.get().name() + "; the next in line takes over (see the roster)."));
                }
                changes.changed(role.get());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // For the other parts

    /** Who in the role's pool came from its partner room: user → " (from #partners:example.org)". */
    Map<UserId, String> marks(Role role) {
        Map<UserId, String> marks = new LinkedHashMap<>();
        partners.link(role.id()).ifPresent(l -> partners.partnerPeople(role.id())
                .forEach(u -> marks.put(u, " (from " + l.shownAs() + ")")));
        return marks;
    }

    /** "; shares volunteers with #partners:example.org" and the like, for {@code !role list}. */
    String describe(Role role) {
        return partners.link(role.id()).map(l -> switch (l.state()) {
            case ACTIVE -> "; also volunteers from " + l.shownAs();
            case PENDING -> "; " + l.shownAs() + " is asked to share volunteers";
            case DECLINED -> "; " + l.shownAs() + " declined to share volunteers";
        }).orElse("");
    }

    // ---------------------------------------------------------------------------------------------

    /** Ends the link by the role's organizers; the partner room is told when it was asked or took part. */
    private String unlink(Role role, PartnerLink link, String why, String cause) {
        List<UserId> out = link.active() ? takeOut(role, "their room is no longer linked") : List.of();
        partners.unlink(role.id());
        if (link.open()) {
            kit.post(link.room(), once(role, "unlinked", cause), RichText.create().text("🌍 The role ")
                    .bold(role.name()).text(" in " + home(role) + " no longer draws volunteers from here (" + why + ")"
                            + (out.isEmpty() ? "" : "; " + people(out.size()) + " from here left its pool") + "."));
        }
        return "It no longer draws volunteers from " + link.shownAs() + left(out, link.shownAs()) + ".";
    }

    /** Everyone who volunteered in the partner room leaves the pool, seats and requests; who they were. */
    private List<UserId> takeOut(Role role, String why) {
        List<UserId> out = partners.removePartnerPeople(role.id());
        out.forEach(person -> out(role, person, why));
        changes.changed(role);
        return out;
    }

    /** A request to {@code person} counts as declined and a seat they hold passes on; whether they held one. */
    private boolean out(Role role, UserId person, String why) {
        succession.successorTerm(role, person).ifPresent(t -> succession.passOn(role, t, Term.State.DECLINED, why
                + ", so declines", null));
        return changes.release(role, person, why);
    }

    private String volunteer(Role role) {
        return kit.command("role volunteer " + quoted(role.name()) + " --for " + home(role));
    }

    private String answer(Role role, String word) {
        return kit.command("role partner-" + word + " " + home(role) + " " + quoted(role.name()));
    }

    private String now() {
        return Long.toString(kit.now().toEpochMilli());
    }

    private static String home(Role role) {
        return role.room().value();
    }

    private static String quoted(String name) {
        return name.contains(" ") ? "\"" + name + "\"" : name;
    }

    private static String left(List<UserId> out, String shownAs) {
        return out.isEmpty() ? "" : "; " + people(out.size()) + " from " + shownAs + " left its pool ("
                + RotationTexts.people(out) + ")";
    }

    private static String people(int n) {
        return n + (n == 1 ? " person" : " people");
    }

    /** One message per thing, role and cause: the command's event, or the moment of a membership change (M1). */
    private String once(Role role, String what, String cause) {
        return FeatureKit.once(RotationFeature.ID + ":partner:" + role.id(), what + ":" + cause, role.room());
    }
}
