package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.assemblybot.core.chat.UserId;

/**
 * The fair order of a role's pool for one term, each place with its reason; pure (no I/O, no clock).
 *
 * <p>Least recently served first (never served first of all), ties by the order of volunteering. Skipped, with
 * the reason: people away at the start of the term, people at the load cap (roles held, accepted or being asked
 * at the same time, in this room), a holder who served the role's maximum of terms in a row, people who
 * already have a seat in that term, and people who declined it or let the request for it expire.
 */
final class RotationOrder {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** One person of the pool, eligible or not, and why. */
    record Candidate(UserId user, boolean eligible, String reason) {
    }

    /**
     * What the order is decided from.
     *
     * @param roleTerms  every term of this role
     * @param otherRoles per person: other roles of the room whose active terms overlap the term
     * @param cap        roles one person may hold at once
     * @param maxTerms   terms in a row one person may hold; null for unlimited
     * @param taken      people who already have a seat in the term
     */
    record Inputs(List<Volunteer> pool, List<Term> roleTerms, List<Away> away, Map<UserId, Integer> otherRoles,
                  int cap, Integer maxTerms, Set<UserId> taken, Instant now, ZoneId zone) {
        Inputs {
            pool = List.copyOf(pool);
            roleTerms = List.copyOf(roleTerms);
            away = List.copyOf(away);
            otherRoles = Map.copyOf(otherRoles);
            taken = Set.copyOf(taken);
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private RotationOrder() {
    }

    /** The whole pool for the term starting at {@code from}: the eligible in order, then the skipped. */
    static List<Candidate> rank(Inputs in, Instant from) {
        Map<UserId, Instant> lastServed = lastServed(in.roleTerms(), from);
        Map<UserId, Integer> streak = streaks(in.roleTerms(), from);
        List<Volunteer> eligible = new ArrayList<>();
        List<Candidate> skipped = new ArrayList<>();
        for (Volunteer v : in.pool()) {
            String skip = skipReason(in, v.user(), from, streak.getOrDefault(v.user(), 0));
            if (skip == null) {
                eligible.add(v);
            } else {
                skipped.add(new Candidate(v.user(), false, skip));
            }
        }
        eligible.sort(Comparator.<Volunteer, Instant>comparing(v -> lastServed.get(v.user()),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingLong(Volunteer::seq));
        List<Candidate> ranked = new ArrayList<>();
        for (Volunteer v : eligible) {
            ranked.add(new Candidate(v.user(), true, served(lastServed.get(v.user()), in.now(), in.zone())));
        }
        ranked.addAll(skipped);
        return ranked;
    }

    /** The first {@code seats} eligible people for the term starting at {@code from}. */
    static List<UserId> pick(Inputs in, Instant from, int seats) {
        return rank(in, from).stream().filter(Candidate::eligible).limit(seats).map(Candidate::user).toList();
    }

    private static String skipReason(Inputs in, UserId user, Instant from, int streak) {
        for (Away away : in.away()) {
            if (away.user().equals(user) && away.covers(from)) {
                return "away until " + DAY.format(away.until().atZone(in.zone()))
                        + (away.reason() == null ? "" : " (" + away.reason() + ")");
            }
        }
        if (in.taken().contains(user)) {
            return "already has a seat this term";
        }
        for (Term t : in.roleTerms()) {
            if (t.holder().equals(user) && t.from().equals(from) && t.state() == Term.State.DECLINED) {
                return "declined this term";
            }
            if (t.holder().equals(user) && t.from().equals(from) && t.state() == Term.State.EXPIRED) {
                return "did not answer for this term";
            }
        }
        if (in.maxTerms() != null && streak >= in.maxTerms()) {
            return streak == 1 ? "held the last term (max " + in.maxTerms() + " in a row)"
                    : "held the last " + streak + " terms (max " + in.maxTerms() + " in a row)";
        }
        int load = in.otherRoles().getOrDefault(user, 0);
        if (load >= in.cap()) {
            return "already holds " + load + (load == 1 ? " role" : " roles") + " (max " + in.cap() + " at once)";
        }
        return null;
    }

    /** Per person, the end of their last accepted term of this role that began before {@code from}. */
    private static Map<UserId, Instant> lastServed(List<Term> terms, Instant from) {
        Map<UserId, Instant> last = new HashMap<>();
        for (Term t : terms) {
            if (t.state() == Term.State.ACCEPTED && t.from().isBefore(from)) {
                last.merge(t.holder(), t.to(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    /** Per person, how many of the role's latest terms before {@code from} they held in a row. */
    private static Map<UserId, Integer> streaks(List<Term> terms, Instant from) {
        TreeMap<Instant, Set<UserId>> holders = new TreeMap<>(Comparator.reverseOrder());
        for (Term t : terms) {
            if (t.state() == Term.State.ACCEPTED && t.from().isBefore(from)) {
                holders.computeIfAbsent(t.from(), p -> new HashSet<>()).add(t.holder());
            }
        }
        Map<UserId, Integer> streak = new HashMap<>();
        if (holders.isEmpty()) {
            return streak;
        }
        for (UserId holder : holders.firstEntry().getValue()) {
            int n = 0;
            for (Set<UserId> period : holders.values()) {
                if (!period.contains(holder)) {
                    break;
                }
                n++;
            }
            streak.put(holder, n);
        }
        return streak;
    }

    /** "never served", "served 3 months ago", "serving until 15 Jun". */
    static String served(Instant lastEnd, Instant now, ZoneId zone) {
        if (lastEnd == null) {
            return "never served";
        }
        if (lastEnd.isAfter(now)) {
            return "serving until " + DAY.format(lastEnd.atZone(zone));
        }
        long days = Duration.between(lastEnd, now).toDays();
        if (days == 0) {
            return "served until today";
        }
        if (days < 14) {
            return "served " + plural(days, "day") + " ago";
        }
        if (days < 60) {
            return "served " + plural(days / 7, "week") + " ago";
        }
        return "served " + plural(days / 30, "month") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
