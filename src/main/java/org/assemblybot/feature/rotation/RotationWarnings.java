package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;

/**
 * What the organizers should know about a room's roles, told in the room ("Organizers: …", names without pings),
 * each once until it changes: a pool that is empty or too small to rotate, a role with an empty seat nobody in its
 * pool can take, someone holding more roles than {@code rotation.max_roles_per_person}, an overdue handover.
 *
 * <p>Checked after every change of a room's roles, pools and terms and at every step of a cycle, in the same
 * transaction. The last state per role (or person) and kind is stored with whether it was told: a problem is told
 * when it appears on a role that was fine, or changes while told; a role being set up (never fine yet) waits for
 * its next cycle step, so the volunteering right after {@code !role add} makes no noise. A smaller form of a problem
 * already told (an empty pool that now has one person) is not told again; solved, it may be told again later.
 */
final class RotationWarnings {
    enum Kind { POOL, VACANT, CAP, OVERDUE }

    /** A role's or person's warning of one kind: {@code role:<id>} or {@code user:<id>}. */
    record Key(String subject, Kind kind) {
    }

    /**
     * The last state ({@code ""} when fine), whether the organizers were told about it, and how often they were told
     * of this kind in all (numbering the messages: each has its own transaction id, M1).
     */
    record Stored(String state, boolean warned, int told) {
    }

    /**
     * One check's finding: {@code state} is {@code ""} when fine; {@code label} is the roster's short form (or null),
     * shown on the lines of the roles named in {@code on}.
     */
    private record Finding(Key key, String state, RichText text, String label, List<String> on) {
        static Finding fine(Key key) {
            return new Finding(key, "", null, null, List.of());
        }

        static Finding of(Key key, String state, RichText text, String label, Role role) {
            return new Finding(key, state, text, label, List.of(role.name()));
        }
    }

    private static final String EMPTY = "empty";
    private static final String SMALL = "small";

    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final RotationConfig config;
    private final RotationTexts texts;
    private final CycleTexts cycleTexts;

    RotationWarnings(FeatureKit kit, RotationStore store, RotationPlanner planner, RotationConfig config,
                     RotationTexts texts, CycleTexts cycleTexts) {
        this.kit = kit;
        this.store = store;
        this.planner = planner;
        this.config = config;
        this.texts = texts;
        this.cycleTexts = cycleTexts;
    }

    /**
     * Checks the room's roles, tells the organizers what is news and stores the states; {@code stepped} is the role
     * whose cycle step ran (its problems not told yet are told now), or null after a change.
     */
    void check(RoomId room, Role stepped) {
        Map<Key, Stored> stored = store.warnings(room);
        List<Finding> findings = findings(room);
        for (Map.Entry<Key, Stored> old : stored.entrySet()) {
            if (old.getKey().kind() == Kind.CAP && !old.getValue().state().isEmpty()
                    && findings.stream().noneMatch(f -> f.key().equals(old.getKey()))) {
                findings.add(Finding.fine(old.getKey()));
            }
        }
        List<String> troubled = findings.stream().filter(f -> !f.state().isEmpty()).map(f -> f.key().subject()).toList();
        for (Finding finding : findings) {
            boolean step = stepped != null && finding.key().subject().equals(subject(stepped));
            apply(room, finding, stored.get(finding.key()), step, troubled.contains(finding.key().subject()));
        }
    }

    /** {@code troubled}: the role has other problems now (a role is set up once all its kinds were fine at once). */
    private void apply(RoomId room, Finding now, Stored before, boolean step, boolean troubled) {
        Instant at = kit.now();
        if (now.state().isEmpty()) {
            if (before == null ? now.key().kind() != Kind.CAP && !troubled : !before.state().isEmpty()) {
                store.setWarning(room, now.key(), new Stored("", false, before == null ? 0 : before.told()), at);
            }
            return;
        }
        if (before != null && before.state().equals(now.state()) && (before.warned() || !step)) {
            return;
        }
        boolean told = before != null && before.warned();
        int count = before == null ? 0 : before.told();
        boolean milder = told && before.state().equals(EMPTY) && now.state().equals(SMALL);
        boolean news = step || (before == null ? now.key().kind() == Kind.CAP
                : before.state().isEmpty() || told && !milder);
        if (news) {
            count++;
            kit.post(room, FeatureKit.once(RotationFeature.ID + ":warn:" + now.key().subject() + ":"
                    + now.key().kind(), Integer.toString(count), room), now.text());
        }
        store.setWarning(room, now.key(), new Stored(now.state(), news || told, count), at);
    }

    /** Per role name, the roster's short forms of its current problems that its line does not say already. */
    Map<String, List<String>> labels(RoomId room) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (Finding f : findings(room)) {
            if (f.label() != null) {
                f.on().forEach(role -> labels.computeIfAbsent(role, r -> new ArrayList<>()).add(f.label()));
            }
        }
        return labels;
    }

    private List<Finding> findings(RoomId room) {
        List<Finding> findings = new ArrayList<>();
        Map<UserId, List<String>> held = new LinkedHashMap<>();
        for (Role role : store.roles(room)) {
            Optional<Window> window = planner.current(role);
            List<Term> seats = window.map(w -> planner.seats(role, w)).orElse(List.of());
            seats.stream().map(Term::holder).distinct()
                    .forEach(u -> held.computeIfAbsent(u, x -> new ArrayList<>()).add(role.name()));
            findings.add(pool(role, seats));
            findings.add(vacant(role, window, seats));
            findings.add(overdue(role, window, seats));
        }
        held.forEach((person, roles) -> {
            if (roles.size() > config.maxRolesPerPerson()) {
                findings.add(cap(person, roles));
            }
        });
        return findings;
    }

    /** How many people a role needs to rotate: its seats, twice over when a term limit makes holders step down. */
    static int needed(Role role) {
        return role.maxTerms() == null ? role.seats() : 2 * role.seats();
    }

    private Finding pool(Role role, List<Term> seats) {
        Key key = new Key(subject(role), Kind.POOL);
        int size = store.pool(role.id()).size();
        int needed = needed(role);
        if (size >= needed) {
            return Finding.fine(key);
        }
        String why = role.seats() + (role.seats() == 1 ? " seat" : " seats") + (role.maxTerms() == null ? ""
                : ", at most " + role.maxTerms() + (role.maxTerms() == 1 ? " term" : " terms") + " in a row");
        String join = " People join with `" + texts.command("role volunteer " + role.name()) + "`.";
        if (size == 0) {
            return Finding.of(key, EMPTY, RichText.create().text("Organizers: nobody is in the pool of " + role.name()
                    + "; it needs at least " + needed + " people to rotate (" + why + ")." + join),
                    seats.isEmpty() ? null : "⚠ pool empty", role);
        }
        return Finding.of(key, SMALL, RichText.create().text("Organizers: the pool of " + role.name() + " is too "
                + "small to rotate: " + size + (size == 1 ? " person" : " people") + ", and it needs at least " + needed
                + " (" + why + ")." + join), "⚠ pool too small: " + size + " of " + needed + " needed", role);
    }

    private Finding vacant(Role role, Optional<Window> window, List<Term> seats) {
        Key key = new Key(subject(role), Kind.VACANT);
        if (window.isEmpty() || seats.size() >= role.seats() || store.pool(role.id()).isEmpty()) {
            return Finding.fine(key);
        }
        int empty = role.seats() - seats.size();
        String what = seats.isEmpty() ? role.name() + " has no holder" : empty + " of " + role.seats() + " seats of "
                + role.name() + (empty == 1 ? " is" : " are") + " empty";
        return Finding.of(key, "vacant", RichText.create().text("Organizers: " + what + " for the term until "
                + RotationTexts.boundary(window.get().to(), zone(role)) + ": nobody in its pool can take it now (`"
                + texts.command("role next " + role.name()) + "` says why; `" + texts.command("role assign "
                + role.name() + " <person>") + "` gives it to someone from the pool)."),
                seats.isEmpty() ? null : "⚠ " + empty + " of " + role.seats() + " seats empty", role);
    }

    private Finding overdue(Role role, Optional<Window> window, List<Term> seats) {
        Key key = new Key(subject(role), Kind.OVERDUE);
        List<UserId> keeping = seats.stream().filter(t -> Handover.KEPT.equals(t.reason())).map(Term::holder)
                .distinct().toList();
        if (keeping.isEmpty()) {
            return Finding.fine(key);
        }
        Window w = window.orElseThrow();
        return Finding.of(key, Long.toString(w.from().toEpochMilli()), cycleTexts.overdue(role, keeping, w.to(),
                zone(role)), null, role);
    }

    private Finding cap(UserId person, List<String> roles) {
        int max = config.maxRolesPerPerson();
        String names = String.join(", ", roles);
        return new Finding(new Key("user:" + person.value(), Kind.CAP), "over", RichText.create().text("Organizers: "
                + person.value() + " holds " + roles.size() + " roles at once (" + names + "), more than the limit of "
                + max + " (`rotation.max_roles_per_person`). The fair order gives them no more; `"
                + texts.command("role swap <role> " + person.value() + " <person>") + "` hands one on."),
                "⚠ " + person.value() + " holds " + roles.size() + " roles (max " + max + ")", roles);
    }

    private static String subject(Role role) {
        return roleSubject(role.id());
    }

    static String roleSubject(long roleId) {
        return "role:" + roleId;
    }

    private ZoneId zone(Role role) {
        return kit.zoneOf(role.room());
    }
}
