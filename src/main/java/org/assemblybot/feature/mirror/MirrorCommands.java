package org.assemblybot.feature.mirror;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.assembly.RotatingRoles;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.geo.Countries;
import org.assemblybot.core.geo.Country;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.Durations;

/**
 * {@code !mirror on|off|set|take|clear|now}: turning the mirror on and off (organizers), setting the spotlight
 * (its researcher, from the room or the direct room), stepping in, and posting it at once (organizers).
 */
final class MirrorCommands {
    static final int MAX_SHARE_ROOMS = 5;
    private static final Duration MIN_LEAD = Duration.ofHours(13);
    private static final Duration MAX_LEAD = Duration.ofDays(14);

    private final FeatureKit kit;
    private final MirrorStore store;
    private final AssemblyCalendar calendar;
    private final RotatingRoles roles;
    private final MirrorSteps steps;
    private final MirrorPrompts prompts;
    private final MirrorTexts texts;
    private final Variety variety;

    MirrorCommands(FeatureKit kit, MirrorStore store, AssemblyCalendar calendar, RotatingRoles roles, MirrorSteps steps,
                   MirrorPrompts prompts, MirrorTexts texts, Variety variety) {
        this.kit = kit;
        this.store = store;
        this.calendar = calendar;
        this.roles = roles;
        this.steps = steps;
        this.prompts = prompts;
        this.texts = texts;
        this.variety = variety;
    }

    Reply on(CommandContext context) {
        RoomId room = context.room();
        Optional<MirrorRoom> before = store.room(room);
        Duration lead = context.has("lead") ? lead(context.option("lead"))
                : before.map(MirrorRoom::lead).orElse(MirrorRoom.DEFAULT_LEAD);
        int avoid = context.has("avoid-repeat") ? avoidRepeat(context.option("avoid-repeat"))
                : before.map(MirrorRoom::avoidRepeat).orElse(MirrorRoom.DEFAULT_AVOID_REPEAT);
        List<RoomId> share = context.has("share") ? shareRooms(context.option("share"), context)
                : before.map(MirrorRoom::shareRooms).orElse(List.of());
        RotatingRoles.Added role = roles.addPerAssemblyRole(room, MirrorTexts.ROLE, context.sender());
        store.saveRoom(new MirrorRoom(room, lead, avoid, share, before.map(MirrorRoom::enabledBy)
                .orElse(context.sender()), before.map(MirrorRoom::enabledAt).orElse(kit.now())));
        steps.plan(room);
        ZoneId zone = kit.zoneOf(room);
        StringBuilder reply = new StringBuilder(before.isPresent() ? "🌍 Global mirror settings changed: "
                : "🌍 Global mirror on: ");
        reply.append("a spotlight on a struggle abroad at every assembly; the researcher gets the brief ")
                .append(Durations.format(lead)).append(" ahead; a country seen in the last ").append(avoid)
                .append(" assemblies is flagged");
        if (!share.isEmpty()) {
            reply.append("; the card also goes to ").append(share.stream().map(r -> "`" + r.value() + "`")
                    .collect(Collectors.joining(", ")));
        }
        reply.append(".");
        if (role == RotatingRoles.Added.ADDED) {
            reply.append(" The role ").append(MirrorTexts.ROLE).append(" circulates per assembly: volunteer with `")
                    .append(kit.command("role volunteer " + MirrorTexts.ROLE_ARG)).append("`.");
        }
        Optional<Spotlight> open = store.open(room);
        if (open.isPresent()) {
            reply.append(" Next spotlight: the assembly on ").append(MirrorTexts.when(open.get().assemblyAt(), zone))
                    .append(".");
        } else {
            reply.append(" No assembly is planned yet: `").append(kit.command("assembly every friday 19:00"))
                    .append("`.");
        }
        return Reply.text(reply.toString());
    }

    Reply off(CommandContext context) {
        RoomId room = context.room();
        MirrorRoom settings = store.room(room).orElseThrow(() -> new UserFacingException("The global mirror is not on "
                + "here; turn it on with `" + kit.command("mirror on") + "`."));
        Optional<Spotlight> open = store.open(room);
        store.deleteRoom(settings.room());
        open.ifPresent(s -> store.delete(s.id()));
        steps.cancel(room);
        String dropped = open.filter(Spotlight::isSet).map(s -> " The spotlight set for "
                + MirrorTexts.when(s.assemblyAt(), kit.zoneOf(room)) + " was dropped.").orElse("");
        return Reply.text("🌍 Global mirror off; its history stays (`" + kit.command("mirror history") + "`)." + dropped
                + " The role " + MirrorTexts.ROLE + " stays; remove it with `" + kit.command("role remove "
                + MirrorTexts.ROLE_ARG) + "`.");
    }

    Reply set(CommandContext context) {
        Spotlight s = spotlightFor(context);
        SpotlightInput input = SpotlightInput.parse(context.arg(0), kit.prefix());
        MirrorRoom settings = store.room(s.room()).orElseThrow();
        Country country = input.country();
        Spotlight.Content content = new Spotlight.Content(country.alpha2(), input.struggle(), input.links(),
                input.echo(), context.sender(), kit.now());
        Spotlight set = (s.researcher() == null ? s.briefed(context.sender(), kit.now()) : s).withContent(content);
        store.save(set);
        Spotlight repeated = variety.recently(s.room(), country.alpha2(), settings.avoidRepeat()).orElse(null);
        return Reply.text(texts.confirmation(set, country, kit.zoneOf(s.room()), repeated, settings.avoidRepeat()));
    }

    Reply take(CommandContext context) {
        Spotlight s = openHere(context.room());
        UserId sender = context.sender();
        Optional<UserId> researcher = prompts.researcher(s);
        ZoneId zone = kit.zoneOf(s.room());
        if (s.isSet()) {
            throw new UserFacingException("The spotlight for " + MirrorTexts.when(s.assemblyAt(), zone) + " is set "
                    + "already; see it with `" + kit.command("mirror next") + "`.");
        }
        if (researcher.filter(sender::equals).isPresent()) {
            throw new UserFacingException("You research this one already; the brief is in your direct messages.");
        }
        if (researcher.isPresent() && s.calledAt() == null && !kit.organizers().isOrganizer(s.room(), sender)) {
            throw new UserFacingException(researcher.get().value() + " researches the spotlight for "
                    + MirrorTexts.when(s.assemblyAt(), zone) + ". If nothing is set half a day before, the room is "
                    + "asked and anyone can step in.");
        }
        prompts.sendBrief(s, sender);
        return Reply.text("🌍 Thank you, " + sender.value() + ": you research the spotlight for the assembly on "
                + MirrorTexts.when(s.assemblyAt(), zone) + ". The brief is in your direct messages.");
    }

    Reply clear(CommandContext context) {
        Spotlight s = spotlightFor(context);
        if (!s.isSet() && s.file() == null) {
            throw new UserFacingException("Nothing is set for " + MirrorTexts.when(s.assemblyAt(), kit.zoneOf(s.room()))
                    + " yet.");
        }
        store.save(s.withContent(null).withFile(null));
        return Reply.text("🌍 Cleared the spotlight for " + MirrorTexts.when(s.assemblyAt(), kit.zoneOf(s.room()))
                + "; nothing is posted unless it is set again.");
    }

    Reply now(CommandContext context) {
        Spotlight s = openHere(context.room());
        if (!s.isSet()) {
            throw new UserFacingException("Nothing is set for " + MirrorTexts.when(s.assemblyAt(),
                    kit.zoneOf(s.room())) + " yet, and an empty card is never posted. Set it with `"
                    + kit.command(SpotlightInput.FORMAT) + "`.");
        }
        prompts.card(s);
        steps.plan(s.room());
        return Reply.text("🌍 Posted the spotlight on " + Countries.instance().resolve(s.content().country())
                .map(Country::englishName).orElse(s.content().country()) + ".");
    }

    /** The open spotlight of a room with the mirror on. */
    Spotlight openHere(RoomId room) {
        if (store.room(room).isEmpty()) {
            throw new UserFacingException("The global mirror is not on here; organizers turn it on with `"
                    + kit.command("mirror on") + "`.");
        }
        return store.open(room).orElseThrow(() -> new UserFacingException("No assembly is planned here, so there is no "
                + "spotlight to prepare. Plan one: `" + kit.command("assembly every friday 19:00") + "`."));
    }

    /**
     * The spotlight a researcher means: in a room with the mirror on, its open one (for its researcher, the holder of
     * the role or an organizer); elsewhere (a direct room) the one they research, or the room named with
     * {@code --for}.
     */
    private Spotlight spotlightFor(CommandContext context) {
        UserId sender = context.sender();
        if (context.has("for")) {
            RoomId room = kit.rooms().resolve(context.option("for")).filter(r -> store.room(r).isPresent())
                    .orElseThrow(() -> new UserFacingException("The global mirror is not on in `" + UserText.quotable(
                            context.option("for"), 60) + "`."));
            return allowed(openHere(room), sender);
        }
        if (store.room(context.room()).isPresent()) {
            return allowed(openHere(context.room()), sender);
        }
        List<Spotlight> mine = prompts.researchedBy(sender);
        if (mine.isEmpty()) {
            throw new UserFacingException("You are not researching a global mirror spotlight right now. In a room with "
                    + "the mirror on, `" + kit.command("mirror take") + "` lets you step in.");
        }
        if (mine.size() > 1) {
            throw new UserFacingException("You research spotlights for several rooms; say which with `--for`, e.g. `"
                    + kit.command("mirror set … --for " + mine.get(0).room().value()) + "`. Rooms: " + mine.stream()
                    .map(s -> "`" + s.room().value() + "`").collect(Collectors.joining(", ")) + ".");
        }
        return mine.get(0);
    }

    private Spotlight allowed(Spotlight s, UserId sender) {
        Optional<UserId> researcher = prompts.researcher(s);
        if (researcher.filter(sender::equals).isPresent() || kit.organizers().isOrganizer(s.room(), sender)) {
            return s;
        }
        throw new UserFacingException(researcher.map(r -> r.value() + " researches the spotlight for "
                + MirrorTexts.when(s.assemblyAt(), kit.zoneOf(s.room())) + "; ").orElse("Nobody researches this one "
                + "yet; ") + "step in with `" + kit.command("mirror take") + "` when the room asks for it.");
    }

    private static Duration lead(String typed) {
        Optional<Duration> lead = Durations.parse(typed.strip().toLowerCase(Locale.ROOT));
        if (lead.isEmpty() || lead.get().compareTo(MIN_LEAD) < 0 || lead.get().compareTo(MAX_LEAD) > 0) {
            throw new UserFacingException("`--lead` is how long before an assembly the researcher gets the brief: "
                    + "from 13h (the reminder comes a day before) to 14d. Example: `--lead 2d`.");
        }
        return lead.get();
    }

    private static int avoidRepeat(String typed) {
        try {
            int n = Integer.parseInt(typed.strip());
            if (n >= 0 && n <= 52) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserFacingException("`--avoid-repeat` is how many past assemblies a country is flagged for: 0 to "
                + "52. Example: `--avoid-repeat 6`.");
    }

    /**
     * The partner rooms the card goes to: rooms the bot is in and the organizer too (M8: being an organizer here
     * must not let anyone post into rooms they are not part of). Looked up from the bot's own state only.
     */
    private List<RoomId> shareRooms(String typed, CommandContext context) {
        List<String> names = List.of(typed.strip().split("[\\s,]+"));
        if (names.size() == 1 && names.get(0).equalsIgnoreCase("none")) {
            return List.of();
        }
        if (names.size() > MAX_SHARE_ROOMS) {
            throw new UserFacingException("The card can go to at most " + MAX_SHARE_ROOMS + " partner rooms.");
        }
        LinkedHashSet<RoomId> rooms = new LinkedHashSet<>();
        for (String name : names) {
            String shown = UserText.quotable(name, 60);
            RoomId room = kit.rooms().resolve(name).orElseThrow(() -> new UserFacingException("I'm not in a room `"
                    + shown + "`. Invite me there first, or check the name (`#room:server` or `!id:server`)."));
            if (!kit.rooms().joinedRooms().contains(room)) {
                throw new UserFacingException("I'm not in `" + shown + "`. Invite me there first.");
            }
            if (!kit.rooms().joinedMembers(room).contains(context.sender())) {
                throw new UserFacingException("You are not a member of `" + shown + "`, so you can't share there.");
            }
            if (!room.equals(context.room())) {
                rooms.add(room);
            }
        }
        return new ArrayList<>(rooms);
    }
}
