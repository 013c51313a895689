package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.time.ZoneId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;

/**
 * What the micro-roles say: replies, the direct messages to holders and the room's summary. Role names are what an
 * organizer typed: they only ever go through {@link RichText}. Mentions only in direct messages; the board and the
 * summary name nobody with a ping.
 */
final class MicroRoleTexts {
    static final String ADD_EXAMPLE = "debrief roles add \"medic team\" 4 --days 14";
    static final String SIGNUP_EXAMPLE = "signup medic team";

    private final String prefix;

    MicroRoleTexts(String prefix) {
        this.prefix = prefix;
    }

    String command(String words) {
        return prefix + words;
    }

    /** "Usage: `!debrief roles add <role> <slots> [--days 14]`. Example: `!debrief roles add "medic team" 4`." */
    String addUsage() {
        return " Usage: `" + command("debrief roles add <role> <slots> [--days 14]") + "` (1 to " + MicroRole.MAX_SLOTS
                + " slots, 1 to " + MicroRole.MAX_DAYS + " days). Example: `" + command(ADD_EXAMPLE) + "`.";
    }

    String signupUsage() {
        return " Usage: `" + command("signup <role>") + "`, `" + command("signup drop <role>") + "`, `"
                + command("signup renew <role>") + "`. Example: `" + command(SIGNUP_EXAMPLE) + "`.";
    }

    RichText added(MicroRole role, Debrief d, boolean boardPosted) {
        return RichText.create().text("🙌 Micro-role ").bold(role.name()).text(" offered at debrief " + d.label()
                        + ": " + role.slots() + (role.slots() == 1 ? " slot" : " slots") + ", terms of " + role.days()
                        + (role.days() == 1 ? " day" : " days") + ". " + (boardPosted ? "The board below" : "The board")
                        + " shows who holds what; people sign up with ")
                .code(command("signup " + role.name())).text(".");
    }

    RichText holds(MicroRole role, Instant until, ZoneId zone) {
        return RichText.create().text("🙌 You hold ").bold(role.name()).text(" until " + DebriefTexts.when(until, zone)
                + ". Thank you! I remind you halfway and the day before it ends; ").code(command("signup drop "
                + role.name())).text(" if you cannot go on.");
    }

    RichText waiting(MicroRole role, int place) {
        return RichText.create().text("⏳ ").bold(role.name()).text(" is full (" + role.slots() + "/" + role.slots()
                + "): you are number " + place + " on its waiting list. I tell you by direct message when a slot frees "
                + "up; ").code(command("signup drop " + role.name())).text(" leaves the list.");
    }

    RichText renewed(MicroRole role, Instant until, ZoneId zone) {
        return RichText.create().text("🙌 Another term of ").bold(role.name()).text(": you hold it until "
                + DebriefTexts.when(until, zone) + ". Thank you!");
    }

    RichText dropped(MicroRole role, Signup.Kind was) {
        return RichText.create().text("👋 ").text(switch (was) {
            case HOLDER -> "You no longer hold ";
            case WAITING -> "You left the waiting list of ";
            case SHADOW -> "You no longer shadow ";
        }).bold(role.name()).text(was == Signup.Kind.HOLDER ? ". Thank you for what you did." : ".");
    }

    /** A direct message: a slot freed up and the next on the waiting list holds it now. */
    RichText promoted(UserId person, MicroRole role, Instant until, ZoneId zone) {
        return RichText.create().text("🙌 ").mention(person, null).text(", a slot in ").bold(role.name())
                .text(" freed up: you hold it now, until " + DebriefTexts.when(until, zone) + ". ")
                .code(command("signup drop " + role.name())).text(" if you cannot take it.");
    }

    RichText halfway(UserId person, MicroRole role, Instant until, ZoneId zone) {
        return RichText.create().text("🙌 ").mention(person, null).text(", you are halfway through your term as ")
                .bold(role.name()).text(": it ends " + DebriefTexts.when(until, zone) + ". Thank you for carrying it!");
    }

    RichText dayBefore(UserId person, MicroRole role, Instant until, ZoneId zone) {
        return RichText.create().text("⏰ ").mention(person, null).text(", your term as ").bold(role.name())
                .text(" ends tomorrow (" + DebriefTexts.when(until, zone) + "). Another term: ")
                .code(command("signup renew " + role.name())).text("; otherwise I release you then.");
    }

    RichText released(UserId person, MicroRole role) {
        return RichText.create().text("🙏 Thank you, ").mention(person, null).text("! Your term as ").bold(role.name())
                .text(" is over and you are released. Small roles like this keep the group alive after an action.");
    }

    RichText shadowSeat(UserId person, MicroRole role, UserId holder, Instant until, ZoneId zone) {
        return RichText.create().text("🎓 ").mention(person, null).text(", you wished for that skill: take a shadow "
                        + "seat with ").mention(holder, null).text(", who holds ").bold(role.name()).text(" until "
                        + DebriefTexts.when(until, zone) + ". Ask to come along; ")
                .code(command("signup drop " + role.name())).text(" if it is not for you.");
    }

    RichText shadowed(UserId holder, MicroRole role, UserId person) {
        return RichText.create().text("🎓 ").mention(holder, null).text(", ").mention(person, null)
                .text(" wished for this skill and shadows you in ").bold(role.name())
                .text(" for the rest of your term. Show them how you do it!");
    }

    RichText shadowEnded(UserId person, MicroRole role) {
        return RichText.create().text("🎓 ").mention(person, null).text(", your shadow seat in ").bold(role.name())
                .text(" is over. Thank you! To hold it yourself: ").code(command("signup " + role.name())).text(".");
    }

    /** The room's summary once the debrief's last term ended; numbers only, nobody named. */
    RichText summary(Debrief d, SqliteMicroRoleStore.Tally tally) {
        RichText text = RichText.create().text("🙌 The micro-roles of debrief ").bold(d.label()).text(" are over. ");
        if (tally.people() == 0) {
            return text.text("Nobody held one this time; next time, maybe fewer and smaller roles.");
        }
        return text.text(people(tally.people()) + " held " + tally.terms() + (tally.terms() == 1 ? " term" : " terms")
                + " in " + tally.roles() + (tally.roles() == 1 ? " role" : " roles") + "; " + tally.newcomers()
                + (tally.newcomers() == 1 ? " was" : " were") + " new to a micro-role here. Thank you all!");
    }

    private static String people(int n) {
        return n + (n == 1 ? " person" : " people");
    }
}
