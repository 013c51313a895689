package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When the steps of a role's cycle happen, for a term {@code window} that ends at the handover (pure: no I/O, no
 * clock). Local-time steps are counted in calendar days in the room's zone, so a daylight-saving change never moves
 * them (T3).
 *
 * <ul>
 *   <li>shadow start: the handover minus the shadow period (whole days: calendar days), never before the term itself starts; a shadow counted
 *       in assemblies starts at the term's own assembly (one assembly before the handover);</li>
 *   <li>an asked successor answers within {@link #ANSWER_WITHIN}, and before the handover at the latest;</li>
 *   <li>handover reminder: three days before the handover at the same local time (per-assembly roles: the day
 *       before).</li>
 * </ul>
 */
final class CycleTimes {
    static final Duration ANSWER_WITHIN = Duration.ofHours(48);
    static final int REMIND_DAYS = 3;
    static final int REMIND_DAYS_PER_ASSEMBLY = 1;

    private CycleTimes() {
    }

    /**
     * When the successors of the term after {@code window} are asked; a shadow of whole days is counted in calendar
     * days in {@code zone}, so the ask keeps the handover's local time across a daylight-saving change.
     */
    static Instant shadowStart(Role role, Window window, ZoneId zone) {
        if (role.shadow().inAssemblies()) {
            return window.from();
        }
        Duration lead = role.shadow().lead();
        Instant start = lead.toSeconds() % Duration.ofDays(1).toSeconds() == 0
                ? window.to().atZone(zone).minusDays(lead.toDays()).toInstant() : window.to().minus(lead);
        return start.isBefore(window.from()) ? window.from() : start;
    }

    /** Until when someone asked at {@code askedAt} may answer, for a handover at {@code handover}. */
    static Instant deadline(Instant askedAt, Instant handover) {
        Instant deadline = askedAt.plus(ANSWER_WITHIN);
        return deadline.isBefore(handover) ? deadline : handover;
    }

    /** The handover reminder: the same local time {@code 3} (per-assembly: {@code 1}) calendar days before. */
    static Instant reminder(Role role, Instant handover, ZoneId zone) {
        int days = role.term().kind() == TermLength.Kind.ASSEMBLY ? REMIND_DAYS_PER_ASSEMBLY : REMIND_DAYS;
        return handover.atZone(zone).minusDays(days).toInstant();
    }
}
