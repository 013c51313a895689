package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.feature.debrief.SqliteSkillStore.Kind;
import org.assemblybot.feature.debrief.SqliteSkillStore.Tag;

/**
 * What a new skill tag sets going: a wish that meets someone else's use is suggested to the room as a pairing and a
 * skill share within {@link #SHARE_WITHIN} of the action; a wish is offered shadow seats with the holders of related
 * rotating roles and micro-roles; a tag that matches a planned skill share's topic invites its giver. Everything
 * happens when the tag is first stored, in its transaction, so each happens once (M1: fixed transaction ids too).
 */
final class SkillMatches {
    /** Skills are best shared while the action is fresh. */
    static final Duration SHARE_WITHIN = Duration.ofHours(48);

    private final FeatureKit kit;
    private final SqliteSkillStore store;
    private final SqliteGatheringStore gatherings;
    private final AssemblyRoles holders;
    private final ShadowSeats microRoleSeats;
    private final SkillTexts texts;

    SkillMatches(FeatureKit kit, SqliteSkillStore store, SqliteGatheringStore gatherings, AssemblyRoles holders,
                 ShadowSeats microRoleSeats, SkillTexts texts) {
        this.kit = kit;
        this.store = store;
        this.gatherings = gatherings;
        this.holders = holders;
        this.microRoleSeats = microRoleSeats;
        this.texts = texts;
    }

    /** Stores a normalised tag; false when the person had given it already (then nothing else happens). */
    boolean tag(Debrief d, UserId person, String tag, Kind kind) {
        boolean pairedBefore = paired(store.tags(d.id()), tag);
        if (!store.add(d.id(), person, tag, kind, kit.now())) {
            return false;
        }
        List<Tag> tags = store.tags(d.id());
        if (!pairedBefore && paired(tags, tag)) {
            suggestPairing(d, tag, tags);
        }
        if (kind == Kind.WISHED) {
            offerShadowSeats(d, tag, person);
        }
        for (Gathering share : gatherings.planned(d.room(), Gathering.Kind.SKILLSHARE)) {
            if (Objects.equals(share.debriefId(), d.id()) && SkillTags.sameSkill(SkillTags.normalise(share.topic()),
                    tag)) {
                gatherings.invite(share.id(), person, part(kind));
            }
        }
        return true;
    }

    /** A skill share's part for someone who used (teaches) or wished (learns) its skill. */
    static String part(Kind kind) {
        return kind == Kind.USED ? "TEACHES" : "LEARNS";
    }

    /** Someone wished the skill and someone else used it. */
    private static boolean paired(List<Tag> tags, String tag) {
        List<UserId> wished = who(tags, tag, Kind.WISHED);
        return who(tags, tag, Kind.USED).stream().anyMatch(u -> wished.stream().anyMatch(w -> !w.equals(u)));
    }

    static List<UserId> who(List<Tag> tags, String tag, Kind kind) {
        return tags.stream().filter(t -> t.kind() == kind && t.tag().equals(tag)).map(Tag::person).distinct().toList();
    }

    private void suggestPairing(Debrief d, String tag, List<Tag> tags) {
        String deadline = DebriefTexts.when(d.actionAt().plus(SHARE_WITHIN), kit.zoneOf(d.room()));
        List<UserId> wished = who(tags, tag, Kind.WISHED);
        List<UserId> used = who(tags, tag, Kind.USED);
        // Who both wished and used it is named as a learner, unless nobody else used it.
        List<UserId> teachers = used.stream().filter(u -> !wished.contains(u)).toList();
        kit.post(d.room(), FeatureKit.once(DebriefSteps.ref(d) + ":pair:" + tag, "pair", d.room()),
                texts.pairing(tag, wished.size(), (teachers.isEmpty() ? used : teachers).size(), deadline));
    }

    /** Seats with the current holders of related rotating roles, then those the micro-roles offer (the hook). */
    private void offerShadowSeats(Debrief d, String tag, UserId person) {
        List<ShadowSeats.Seat> seats = new ArrayList<>();
        for (Map.Entry<String, List<UserId>> role : holders.holdersAt(d.room(), kit.now()).entrySet()) {
            List<UserId> others = role.getValue().stream().filter(h -> !h.equals(person)).toList();
            if (!others.isEmpty() && SkillTags.related(role.getKey(), tag)) {
                seats.add(new ShadowSeats.Seat(role.getKey(), others, null));
            }
        }
        seats.addAll(microRoleSeats.offers(d, tag, person));
        if (!seats.isEmpty()) {
            kit.tell(person, FeatureKit.once(DebriefSteps.ref(d) + ":shadow:" + person.value() + ":" + tag, "shadow",
                    d.room()), texts.shadow(tag, seats));
        }
    }
}
