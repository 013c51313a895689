package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.feature.debrief.SqliteSkillStore.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code !skillshare plan "<topic>" <time>}, {@code !skillshare list}, {@code !skillshare cancel <number>}: a skill
 * share after the room's latest debrief, where those who used a skill teach those who wished it. The invitees (who
 * gave a matching tag, then or later) are reminded by direct message before it; the room hears when it starts.
 *
 * <p>On the durable scheduler (T1), ids fixed per skill share and step (T4). Misfires (T2): a late reminder is not
 * sent (MISS_IF_LATE after {@link #REMINDER_GRACE}: "in an hour" an hour late is wrong); the start is still announced
 * up to {@link DebriefSteps#CARD_GRACE} late, later it is marked held without a post (MISS_IF_LATE with that grace).
 */
final class SkillShares implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(SkillShares.class);
    static final String REMIND = "share-remind";
    static final String START = "share-start";
    static final int MAX_TOPIC = 80;
    private static final Duration REMINDER_GRACE = Duration.ofMinutes(15);
    static final String TEACHES = "TEACHES";

    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteGatheringStore gatherings;
    private final SqliteSkillStore store;
    private final Duration reminder;
    private final SkillTexts texts;

    SkillShares(FeatureKit kit, DebriefStore debriefs, SqliteGatheringStore gatherings, SqliteSkillStore store,
                Duration reminder, SkillTexts texts) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.gatherings = gatherings;
        this.store = store;
        this.reminder = reminder;
        this.texts = texts;
    }

    /** {@code !skillshare plan "<topic>" <time>} (organizers). */
    Reply plan(CommandContext context) {
        RoomId room = context.room();
        ZoneId zone = kit.zoneOf(room);
        String usage = texts.usage("skillshare plan \"<topic>\" <time>", SkillTexts.SHARE_EXAMPLE);
        String topic = context.arg(0).strip();
        TextLimits.require("topic", topic, MAX_TOPIC, usage.strip());
        String topicTag = SkillTags.normalise(topic);
        if (topicTag.isEmpty()) {
            throw new UserFacingException("Which skill will be shared? Name it in words." + usage);
        }
        Debrief d = debriefs.inRoom(room, 10).stream().filter(x -> x.state() == Debrief.State.HELD).findFirst()
                .orElseThrow(() -> new UserFacingException("No debrief was held here yet: a skill share turns the "
                        + "skills wished at one into teaching (`" + kit.command("debrief start …") + "`)." + usage));
        Instant at = kit.time().parse(context.arg(1), zone);
        if (!at.isAfter(kit.now())) {
            throw new UserFacingException("That time has passed; give one ahead, e.g. `saturday 15:00`." + usage);
        }
        Gathering g = gatherings.create(new Gathering(0, d.id(), room, Gathering.Kind.SKILLSHARE, topic, at,
                Gathering.State.PLANNED, context.sender(), kit.now()));
        // Those who used the skill first: whoever gave both is there to teach.
        List<Tag> tags = store.tags(d.id()).stream().filter(t -> SkillTags.sameSkill(topicTag, t.tag())).toList();
        tags.stream().filter(t -> t.kind() == SqliteSkillStore.Kind.USED)
                .forEach(t -> gatherings.invite(g.id(), t.person(), SkillMatches.part(t.kind())));
        tags.forEach(t -> gatherings.invite(g.id(), t.person(), SkillMatches.part(t.kind())));
        schedule(g);
        String late = Duration.between(d.actionAt(), at).compareTo(SkillMatches.SHARE_WITHIN) > 0
                ? "\n⚠ That is more than 48 hours after the action: skills are best shared while it is fresh — sooner "
                + "is better if you can." : "";
        RichText text = RichText.create().text("🧑‍🏫 Skill share #" + g.id() + " “").text(topic).text("” on "
                + DebriefTexts.when(at, zone) + ", after debrief " + d.label() + ".").newline();
        invited(text, g.id());
        return Reply.of(text.text(late));
    }

    Reply list(CommandContext context) {
        ZoneId zone = kit.zoneOf(context.room());
        List<Gathering> shares = gatherings.planned(context.room(), Gathering.Kind.SKILLSHARE);
        if (shares.isEmpty()) {
            return Reply.text("No skill share is planned here. Organizers: `" + texts.command(SkillTexts.SHARE_EXAMPLE)
                    + "`.");
        }
        RichText text = RichText.create().text("🧑‍🏫 Skill shares planned here:");
        for (Gathering g : shares) {
            List<String[]> invitees = gatherings.invitees(g.id());
            long teach = invitees.stream().filter(i -> TEACHES.equals(i[1])).count();
            text.newline().text("• #" + g.id() + " “").text(g.topic()).text("” — " + DebriefTexts.when(g.startsAt(),
                    zone) + " — " + teach + " teaching, " + (invitees.size() - teach) + " learning");
        }
        return Reply.of(text);
    }

    /** {@code !skillshare cancel <number>} (organizers). */
    Reply cancel(CommandContext context) {
        long id = kit.number(context.arg(0), "a skill share", "skillshare list");
        Gathering g = gatherings.gathering(id).filter(x -> x.room().equals(context.room())
                        && x.kind() == Gathering.Kind.SKILLSHARE && x.state() == Gathering.State.PLANNED)
                .orElseThrow(() -> new UserFacingException("No skill share #" + id + " is planned here; `"
                        + kit.command("skillshare list") + "` shows them."));
        gatherings.setState(g.id(), Gathering.State.CANCELLED);
        kit.scheduler().cancelByRef(DebriefFeature.ID, ref(g));
        return Reply.text("🧑‍🏫 Skill share #" + g.id() + " cancelled; nobody will be reminded.");
    }

    /** The bot left {@code room}: nothing of its planned skill shares may fire there any more. */
    void cancelRoom(RoomId room) {
        for (Gathering g : gatherings.planned(room, Gathering.Kind.SKILLSHARE)) {
            kit.scheduler().cancelByRef(DebriefFeature.ID, ref(g));
        }
    }

    private void invited(RichText text, long gatheringId) {
        List<String[]> invitees = gatherings.invitees(gatheringId);
        if (invitees.isEmpty()) {
            text.text("Nobody tagged this skill yet; whoever does (`" + texts.command("skill used|wish <skill>")
                    + "`) is invited and reminded before it.");
            return;
        }
        // Counts, never names: the tags are answers, often given in private (see SkillTexts.pairing).
        long teach = invitees.stream().filter(i -> TEACHES.equals(i[1])).count();
        text.text("Invited: " + SkillTexts.people((int) teach) + " who used it (to teach) and "
                + SkillTexts.people(invitees.size() - (int) teach) + " who wished it (to learn); each is reminded by "
                + "direct message before it.");
    }

    private void schedule(Gathering g) {
        Instant remindAt = g.startsAt().minus(reminder);
        if (remindAt.isAfter(kit.now())) {
            kit.scheduler().schedule(ScheduleItem.once(ref(g) + ":" + REMIND, DebriefFeature.ID, REMIND, ref(g),
                    g.room(), remindAt, MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        }
        kit.scheduler().schedule(ScheduleItem.once(ref(g) + ":" + START, DebriefFeature.ID, START, ref(g), g.room(),
                g.startsAt(), MisfirePolicy.MISS_IF_LATE, DebriefSteps.CARD_GRACE));
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<Gathering> planned = planned(item);
        if (planned.isEmpty()) {
            return; // cancelled meanwhile, or its room is gone
        }
        Gathering g = planned.get();
        List<String[]> invitees = gatherings.invitees(g.id());
        if (REMIND.equals(item.kind())) {
            String when = DebriefTexts.when(g.startsAt(), kit.zoneOf(g.room()));
            for (String[] invitee : invitees) {
                UserId person = new UserId(invitee[0]);
                kit.tell(person, FeatureKit.once(ref(g) + ":" + person.value(), REMIND, g.room()), RichText.create()
                        .text("🧑‍🏫 Reminder: the skill share “").text(g.topic()).text("” is at " + when + " in "
                                + g.room().value() + ". " + (TEACHES.equals(invitee[1]) ? "You used this skill: "
                                + "you could teach it." : "You wished to learn it.")));
            }
        } else if (START.equals(item.kind())) {
            RichText text = RichText.create().text("🧑‍🏫 The skill share “").text(g.topic()).text("” starts now.");
            if (!invitees.isEmpty()) {
                text.text(" " + SkillTexts.people(invitees.size()) + " invited by direct message: those who used it "
                        + "teach, those who wished it learn.");
            }
            kit.post(g.room(), FeatureKit.once(ref(g), START, g.room()), text);
            gatherings.setState(g.id(), Gathering.State.HELD);
        }
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        log.info("skill share step {} was {} late and is not run", item.id(), late);
        if (START.equals(item.kind())) {
            planned(item).ifPresent(g -> gatherings.setState(g.id(), Gathering.State.HELD));
        }
    }

    private Optional<Gathering> planned(ScheduleItem item) {
        try {
            long id = Long.parseLong(item.ref().substring(item.ref().lastIndexOf(':') + 1));
            return gatherings.gathering(id).filter(g -> g.state() == Gathering.State.PLANNED);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code debrief:share:<id>}: the skill share's steps. */
    static String ref(Gathering g) {
        return DebriefFeature.ID + ":share:" + g.id();
    }
}
