package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;

/**
 * The words of the cycle: asking a successor, the answers, the handover reminder and the handover. Pills only where
 * something is asked of people or handed to them; organizers are addressed by the word, without pinging anyone.
 */
final class CycleTexts {
    private final RotationTexts texts;

    CycleTexts(RotationTexts texts) {
        this.texts = texts;
    }

    private static String span(Term term, ZoneId zone) {
        return RotationTexts.boundary(term.from(), zone) + " until " + RotationTexts.boundary(term.to(), zone);
    }

    private static String checklist(Role role) {
        return role.checklist().isEmpty() ? "" : " Checklist: " + String.join("; ", role.checklist()) + ".";
    }

    private String answers(Role role) {
        return "`" + texts.command("role accept " + role.name()) + "`";
    }

    private String decline(Role role) {
        return "`" + texts.command("role decline " + role.name() + " [reason]") + "`";
    }

    /** The request in the room (a live message: ✅ on it accepts; edited once answered). */
    RichText askInRoom(Role role, Term asked, List<UserId> holders, Instant deadline, ZoneId zone) {
        RichText text = RichText.create().text("🔄 " + role.name() + " from " + span(asked, zone) + ": ")
                .mention(asked.holder(), null).text(", you are next in line");
        if (!holders.isEmpty()) {
            text.text(" to take over from ");
            for (int i = 0; i < holders.size(); i++) {
                text.text(i == 0 ? "" : ", ").mention(holders.get(i), null);
            }
        }
        return text.text(". Will you? Answer by " + RotationTexts.boundary(deadline, zone) + " with " + answers(role)
                + " or ✅ on this message — or " + decline(role) + ".");
    }

    /** The request as it stands once answered (no pills in an edit). */
    RichText answered(Role role, Term asked, Term.State state, ZoneId zone) {
        String what = switch (state) {
            case ACCEPTED -> "✅ " + asked.holder().value() + " accepted.";
            case DECLINED -> asked.holder().value() + " declined.";
            case EXPIRED -> asked.holder().value() + " did not answer in time.";
            default -> asked.holder().value() + " is no longer asked.";
        };
        return RichText.create().text("🔄 " + role.name() + " from " + span(asked, zone) + ": " + what);
    }

    /** @param fromPartner they volunteered in the role's partner room, and answer there with {@code --for} */
    RichText askDirect(Role role, Term asked, List<UserId> holders, Instant deadline, ZoneId zone, boolean fromPartner) {
        String by = RotationTexts.boundary(deadline, zone) + ": ";
        String forRoom = " --for " + role.room().value();
        return RichText.create().text("You are asked to take " + role.name() + " in " + room(role) + " from " + span(asked, zone)
                + (holders.isEmpty() ? "" : ", after " + RotationTexts.people(holders)) + (fromPartner
                ? ". Please answer in the room you volunteered in by " + by + "`" + texts.command("role accept "
                + role.name() + forRoom) + "` or `" + texts.command("role decline " + role.name() + forRoom
                + " [reason]") + "`." : ". Please answer there by " + by + answers(role) + " (or ✅ on my message "
                + "there) or " + decline(role) + ".") + checklist(role));
    }

    RichText askToHolder(Role role, Term asked, ZoneId zone) {
        return RichText.create().text(asked.holder().value() + " is asked to take " + role.name() + " over from you on "
                + RotationTexts.boundary(asked.from(), zone) + " (in " + room(role) + "). I'll tell you when they "
                + "answer.");
    }

    String acceptedReply(Role role, Term term, List<UserId> holders, ZoneId zone) {
        return "Thank you: you take " + role.name() + " from " + span(term, zone)
                + (holders.isEmpty() ? "" : ", after " + RotationTexts.people(holders)) + ". A reminder with the "
                + "checklist comes before the handover.";
    }

    RichText acceptedToHolder(Role role, Term term, ZoneId zone) {
        return RichText.create().text(term.holder().value() + " accepted " + role.name() + " (in " + room(role)
                + "): they take it over from you on " + RotationTexts.boundary(term.from(), zone) + ".");
    }

    String declinedReply(Role role, Term term, ZoneId zone) {
        return "Noted: you decline " + role.name() + " from " + RotationTexts.boundary(term.from(), zone)
                + ". You stay in the pool; the next in line is asked.";
    }

    /** To the organizers in the room, after a decline, a silence or a successor leaving; names, no pills. */
    RichText passedOn(Role role, Term term, String why, String reason, List<Term> askedNext, ZoneId zone) {
        String next = askedNext.isEmpty() ? "" : " " + RotationTexts.people(askedNext.stream().map(Term::holder)
                .toList()) + (askedNext.size() == 1 ? " is" : " are") + " asked next.";
        return RichText.create().text("Organizers: " + term.holder().value() + " " + why + " " + role.name()
                + " from " + RotationTexts.boundary(term.from(), zone) + (reason == null ? "" : " (" + reason + ")") + "."
                + next);
    }

    RichText nobodyInLine(Role role, Instant from, List<UserId> holders, ZoneId zone) {
        return RichText.create().text("Organizers: nobody is left in line for " + role.name() + " from "
                + RotationTexts.boundary(from, zone) + ". " + (holders.isEmpty() ? "" : RotationTexts.people(holders)
                + " keeps it until someone accepts. ") + "More people can join with `"
                + texts.command("role volunteer " + role.name()) + "`.");
    }

    RichText reminderToHolder(Role role, Instant handover, List<UserId> successors, ZoneId zone) {
        String to = successors.isEmpty() ? "; nobody has accepted it yet, so you keep it until someone does"
                : " over to " + RotationTexts.people(successors);
        return RichText.create().text("Reminder: on " + RotationTexts.boundary(handover, zone) + " you hand "
                + role.name() + " (in " + room(role) + ")" + to + "." + checklist(role));
    }

    RichText reminderToSuccessor(Role role, Instant handover, List<UserId> holders, ZoneId zone) {
        return RichText.create().text("Reminder: on " + RotationTexts.boundary(handover, zone) + " you take "
                + role.name() + " (in " + room(role) + ") over" + (holders.isEmpty() ? "" : " from "
                + RotationTexts.people(holders)) + "." + checklist(role));
    }

    RichText handover(Role role, List<UserId> incoming, List<UserId> outgoing, Instant until, ZoneId zone) {
        RichText text = RichText.create().text("🔄 Handover: ");
        for (int i = 0; i < incoming.size(); i++) {
            text.text(i == 0 ? "" : ", ").mention(incoming.get(i), null);
        }
        text.text(" " + (incoming.size() == 1 ? "takes " : "take ") + role.name() + " over");
        if (!outgoing.isEmpty()) {
            text.text(" from ");
            for (int i = 0; i < outgoing.size(); i++) {
                text.text(i == 0 ? "" : ", ").mention(outgoing.get(i), null);
            }
        }
        return text.text(", until " + RotationTexts.boundary(until, zone) + "." + (outgoing.isEmpty() ? ""
                : " Thank you, " + RotationTexts.people(outgoing) + "!"));
    }

    RichText overdue(Role role, List<UserId> keeping, Instant until, ZoneId zone) {
        return RichText.create().text("Organizers: nobody has accepted " + role.name() + " in time; "
                + RotationTexts.people(keeping) + (keeping.size() == 1 ? " keeps" : " keep") + " it for another term, "
                + "until " + RotationTexts.boundary(until, zone) + ", while the next in line is asked.");
    }

    private static String room(Role role) {
        return role.room().value();
    }
}
