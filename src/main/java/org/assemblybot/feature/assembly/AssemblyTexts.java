package org.assemblybot.feature.assembly;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.time.TimeInput;

/** What the assembly feature says: usages with examples, confirmations, the list and the reminders. */
final class AssemblyTexts {
    static final String EVERY_EXAMPLE = "assembly every friday 19:00";
    static final String ADD_EXAMPLE = "assembly add 2026-06-20 18:00 --duration 3h";
    static final String SKIP_EXAMPLE = "assembly skip 2026-06-12";
    static final String CANCEL_EXAMPLE = "assembly cancel 2026-06-12";
    private static final String OPTIONS = " [--duration 2h] [--notices 24h,1h|none]";

    private final String prefix;

    AssemblyTexts(String prefix) {
        this.prefix = prefix;
    }

    String everyUsage() {
        return usage("assembly every <rhythm> <time>" + OPTIONS, EVERY_EXAMPLE);
    }

    String addUsage() {
        return usage("assembly add <time>" + OPTIONS, ADD_EXAMPLE);
    }

    String skipUsage() {
        return usage("assembly skip <date>", SKIP_EXAMPLE);
    }

    String cancelUsage() {
        return usage("assembly cancel [<date>]", CANCEL_EXAMPLE);
    }

    private String usage(String form, String example) {
        return "Usage: `" + prefix + form + "`\nExample: `" + prefix + example + "`";
    }

    /** "Fri 12 Jun 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours". */
    static String when(Assemblies.Planned assembly, ZoneId zone) {
        return TimeInput.describe(assembly.start(), zone) + ", " + TimeInput.relativeLength(assembly.duration());
    }

    static String reminders(List<Duration> notices) {
        if (notices.isEmpty()) {
            return "No reminders.";
        }
        return "Reminders " + String.join(" and ", notices.stream().map(TimeInput::relativeLength).toList())
                + " before.";
    }

    String everySet(String typed, Assemblies.Planned next, ZoneId zone, String replaced) {
        return "Assembly `every " + typed + "`, " + TimeInput.relativeLength(next.duration()) + " each; the next: "
                + TimeInput.describe(next.start(), zone) + ". " + reminders(next.notices())
                + (replaced == null ? "" : " This replaces the rhythm before (`" + replaced + "`).")
                + " `" + prefix + "assembly list` shows what comes.";
    }

    String added(Assemblies.Planned assembly, ZoneId zone) {
        return "One-off assembly: " + when(assembly, zone) + ". " + reminders(assembly.notices());
    }

    String skipped(Assemblies.Planned assembly, ZoneId zone) {
        return "Skipped: the assembly of " + when(assembly, zone) + ". Its reminders are dropped"
                + (assembly.oneOff() ? "." : "; the rhythm goes on.");
    }

    String alreadySkipped(Assemblies.Planned assembly, ZoneId zone) {
        return "The assembly of " + when(assembly, zone) + " is already skipped.";
    }

    String rhythmEnded(String rule, int oneOffs) {
        return "The rhythm (`" + rule + "`) has ended: no more recurring assemblies or their reminders here."
                + (oneOffs == 0 ? "" : " The " + oneOffs + " one-off assembl" + (oneOffs == 1 ? "y stays" : "ies stay")
                + " (`" + prefix + "assembly list`).");
    }

    String noRhythm() {
        return "This room has no recurring assembly to end. To cancel one assembly, give its date.\n" + cancelUsage();
    }

    RichText list(List<Assemblies.Planned> coming, ZoneId zone) {
        if (coming.isEmpty()) {
            return RichText.create().text("No assemblies planned here. Organizers: ")
                    .code(prefix + EVERY_EXAMPLE).text(" or ").code(prefix + ADD_EXAMPLE).text(".");
        }
        RichText text = RichText.create().text("Next assemblies here:");
        for (Assemblies.Planned assembly : coming) {
            text.newline().text("• " + when(assembly, zone) + (assembly.oneOff() ? " (one-off)" : ""));
            if (assembly.skipped()) {
                text.text(" — ").bold("skipped");
            }
        }
        return text;
    }

    /** "📅 Assembly in 1 hour: …", then one line per role naming its holders as pills. */
    RichText reminder(Assemblies.Planned assembly, Duration offset, ZoneId zone, Map<String, List<UserId>> holders) {
        RichText text = RichText.create().text("📅 Assembly in " + TimeInput.relativeLength(offset) + ": ")
                .bold(TimeInput.describe(assembly.start(), zone))
                .text(", " + TimeInput.relativeLength(assembly.duration()) + ".");
        holders.forEach((role, people) -> {
            if (people.isEmpty()) {
                return;
            }
            text.newline().text(role + ": ");
            for (int i = 0; i < people.size(); i++) {
                text.text(i == 0 ? "" : ", ").mention(people.get(i), people.get(i).value());
            }
        });
        return text;
    }
}
