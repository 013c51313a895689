package org.assemblybot.feature.mirror;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.geo.Countries;
import org.assemblybot.core.geo.Country;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompts around one assembly's spotlight: the brief to the researcher, the reminder, the call for someone to
 * step in, and the card. Each checks the spotlight first, so a step that runs twice, late, or after the spotlight
 * was set does nothing more (T4); each message has a transaction id fixed per spotlight, assembly and step (M1).
 */
final class MirrorPrompts {
    private static final Logger log = LoggerFactory.getLogger(MirrorPrompts.class);
    /** The reminder goes a day before the assembly, the call for someone to step in half a day before. */
    static final Duration REMIND_BEFORE = Duration.ofDays(1);
    static final Duration CALL_BEFORE = Duration.ofHours(12);
    private static final int SUGGESTIONS = 3;

    private final FeatureKit kit;
    private final MirrorStore store;
    private final AssemblyRoles roles;
    private final MirrorTexts texts;
    private final Variety variety;
    private final CardFiles files;

    MirrorPrompts(FeatureKit kit, MirrorStore store, AssemblyRoles roles, MirrorTexts texts, Variety variety,
                  CardFiles files) {
        this.kit = kit;
        this.store = store;
        this.roles = roles;
        this.texts = texts;
        this.variety = variety;
        this.files = files;
    }

    /** Who researches the spotlight: whoever stepped in or was briefed, else who holds the role at the assembly. */
    Optional<UserId> researcher(Spotlight s) {
        if (s.researcher() != null) {
            return Optional.of(s.researcher());
        }
        return holder(s.room(), s.assemblyAt());
    }

    /**
     * The open spotlights {@code person} researches, the soonest first: briefed or stepped in, or holding the role at
     * the assembly before any brief went out (so they can set it early, from their direct room too).
     */
    List<Spotlight> researchedBy(UserId person) {
        return store.allOpen().stream().filter(s -> researcher(s).filter(person::equals).isPresent()).toList();
    }

    Optional<UserId> holder(RoomId room, Instant assembly) {
        for (Map.Entry<String, List<UserId>> role : roles.holdersAt(room, assembly).entrySet()) {
            if (role.getKey().toLowerCase(Locale.ROOT).equals(MirrorTexts.ROLE.toLowerCase(Locale.ROOT))
                    && !role.getValue().isEmpty()) {
                return Optional.of(role.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The brief by direct message; the room is told when nobody researches this assembly yet. */
    void brief(Spotlight s) {
        if (s.isSet() || s.briefedAt() != null) {
            return;
        }
        ZoneId zone = kit.zoneOf(s.room());
        Optional<UserId> researcher = researcher(s);
        if (researcher.isEmpty()) {
            kit.post(s.room(), txn(s, "nobody"), texts.nobody(s, zone));
            return;
        }
        sendBrief(s, researcher.get());
    }

    /** Sends the brief to {@code person} and records them as the researcher. */
    Spotlight sendBrief(Spotlight s, UserId person) {
        ZoneId zone = kit.zoneOf(s.room());
        MirrorRoom settings = store.room(s.room()).orElseThrow();
        Instant remindAt = s.assemblyAt().minus(REMIND_BEFORE);
        kit.tell(person, txn(s, "brief:" + person.value()), texts.brief(s, zone, variety.suggestions(s.room(),
                SUGGESTIONS, s.assemblyAt().toEpochMilli()), variety.recentCountries(s.room(), settings.avoidRepeat()),
                remindAt.isAfter(kit.now()) ? remindAt : s.assemblyAt()));
        Spotlight briefed = s.briefed(person, kit.now());
        store.save(briefed);
        return briefed;
    }

    /** A day before: a reminder, or the brief if nobody had been briefed (someone may hold the role by now). */
    void remind(Spotlight s) {
        if (s.isSet() || s.remindedAt() != null) {
            return;
        }
        if (s.briefedAt() == null) {
            Optional<UserId> researcher = researcher(s);
            if (researcher.isPresent()) {
                store.save(sendBrief(s, researcher.get()).reminded(kit.now()));
            }
            return;
        }
        kit.tell(s.researcher(), txn(s, "remind"), texts.reminder(s, kit.zoneOf(s.room())));
        store.save(s.reminded(kit.now()));
    }

    /** Half a day before, nothing set: the room is asked whether someone steps in, and its organizers are named. */
    void call(Spotlight s) {
        if (s.isSet() || s.calledAt() != null) {
            return;
        }
        List<UserId> organizers = kit.rooms().joinedMembers(s.room()).stream()
                .filter(m -> !m.equals(kit.self()) && kit.organizers().isOrganizer(s.room(), m)).sorted(
                        java.util.Comparator.comparing(UserId::value)).limit(5).toList();
        kit.post(s.room(), txn(s, "call"), texts.call(s, kit.zoneOf(s.room()), organizers));
        store.save(s.called(kit.now()));
    }

    /**
     * The card at the start of the assembly (or at {@code !mirror now}), in the room and the partner rooms, with the
     * voice note or file in its thread; a spotlight with nothing set is recorded as missed and nothing is posted.
     */
    void card(Spotlight s) {
        if (s.state() != Spotlight.State.OPEN) {
            return;
        }
        if (!s.isSet()) {
            store.save(s.missed(kit.now()));
            log.info("mirror spotlight {} in {} had nothing set; nothing posted", s.id(), s.room().value());
            return;
        }
        Country country = Countries.instance().resolve(s.content().country()).orElseThrow();
        String cardTxn = txn(s, "card");
        kit.post(s.room(), cardTxn, texts.card(s, country, null));
        for (RoomId partner : store.room(s.room()).map(MirrorRoom::shareRooms).orElse(List.of())) {
            if (kit.rooms().joinedRooms().contains(partner)) {
                kit.post(partner, txn(s, "share:" + partner.value()), texts.card(s, country, s.room()));
            }
        }
        if (s.file() != null) {
            files.afterCard(s.room(), cardTxn, s.file());
        }
        store.save(s.posted(kit.now()));
    }

    /** The card could not go out during the assembly (the bot was down): the room hears what happens instead. */
    void late(Spotlight s) {
        if (s.isSet()) {
            kit.post(s.room(), txn(s, "late"), texts.late(s, kit.zoneOf(s.room())));
        }
    }

    /** The researcher hears that the assembly moved, once per new date. */
    void moved(Spotlight s) {
        if (s.researcher() != null) {
            kit.tell(s.researcher(), txn(s, "moved"), texts.moved(s, kit.zoneOf(s.room())));
        }
    }

    /** Fixed per spotlight, assembly and step: the same decision again is the same message (M1, T4). */
    private static String txn(Spotlight s, String step) {
        return FeatureKit.once(MirrorFeature.ID + ":" + s.id() + ":" + s.assemblyAt().toEpochMilli(), step, s.room());
    }
}
