package org.assemblybot.feature.mirror;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.geo.Countries;
import org.assemblybot.core.geo.Country;
import org.assemblybot.core.geo.Region;
import org.assemblybot.core.text.RichText;

/** {@code !mirror next|history|map}: what anyone may see — the draft, the past spotlights, where the room looked. */
final class MirrorViews {
    static final int HISTORY_SHOWN = 15;
    private static final int BAR_WIDTH = 12;

    private final FeatureKit kit;
    private final MirrorStore store;
    private final MirrorCommands commands;
    private final MirrorPrompts prompts;
    private final MirrorTexts texts;
    private final Variety variety;

    MirrorViews(FeatureKit kit, MirrorStore store, MirrorCommands commands, MirrorPrompts prompts, MirrorTexts texts,
                Variety variety) {
        this.kit = kit;
        this.store = store;
        this.commands = commands;
        this.prompts = prompts;
        this.texts = texts;
        this.variety = variety;
    }

    /** The spotlight being prepared: for when, who researches it, and the draft card or what is still missing. */
    Reply next(CommandContext context) {
        List<Spotlight> shown = store.room(context.room()).isPresent() ? List.of(commands.openHere(context.room()))
                : prompts.researchedBy(context.sender());
        if (shown.isEmpty()) {
            throw new UserFacingException("The global mirror is not on here, and you research no spotlight.");
        }
        RichText text = RichText.create();
        for (Spotlight s : shown) {
            ZoneId zone = kit.zoneOf(s.room());
            text.text("🌍 Next spotlight: the assembly on ").bold(MirrorTexts.when(s.assemblyAt(), zone));
            if (!store.room(context.room()).isPresent()) {
                text.text(" in ").code(s.room().value());
            }
            Optional<org.assemblybot.core.chat.UserId> researcher = prompts.researcher(s);
            text.text(researcher.map(r -> ", researched by " + r.value()).orElse(", nobody researches it yet"))
                    .text(".").newline();
            if (s.isSet()) {
                Country country = Countries.instance().resolve(s.content().country()).orElseThrow();
                text.text("Draft card:").newline().text(texts.card(s, country, null).plain()).newline();
            } else {
                text.text("Nothing set yet" + (s.briefedAt() != null ? " (briefed " + MirrorTexts.when(s.briefedAt(),
                        zone) + ")" : "") + ".").newline();
            }
            if (s.file() != null) {
                text.text(s.file().isAudio() ? "🎙 A voice note goes in the thread." : "📎 A file goes in the thread.")
                        .newline();
            }
        }
        return Reply.of(text);
    }

    /** Past spotlights, the newest first: date, country, struggle, researcher. */
    Reply history(CommandContext context) {
        List<Spotlight> past = store.closed(context.room(), HISTORY_SHOWN + 1);
        if (past.isEmpty()) {
            return Reply.text("🌍 No spotlights here yet." + (store.room(context.room()).isEmpty()
                    ? " Turn the global mirror on with `" + kit.command("mirror on") + "`." : ""));
        }
        ZoneId zone = kit.zoneOf(context.room());
        RichText text = RichText.create().text("🌍 Global mirror history (newest first):");
        for (Spotlight s : past.subList(0, Math.min(HISTORY_SHOWN, past.size()))) {
            text.newline().text("• " + MirrorTexts.date(s.assemblyAt(), zone) + " — ");
            if (s.state() == Spotlight.State.MISSED) {
                text.italic("nothing was set");
                continue;
            }
            Country country = Countries.instance().resolve(s.content().country()).orElseThrow();
            text.text(MirrorTexts.place(country) + " — " + s.content().struggle() + " — " + s.content().setBy().value());
        }
        int total = store.closedCount(context.room());
        if (total > HISTORY_SHOWN) {
            text.newline().text("… and " + (total - HISTORY_SHOWN) + " earlier.");
        }
        return Reply.of(text);
    }

    /** How often the room has looked at each region, as bars, and the sub-regions never looked at. */
    Reply map(CommandContext context) {
        Map<Region, Map<Region, Integer>> coverage = variety.coverage(context.room());
        int total = coverage.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        RichText text = RichText.create().text("🗺 Where the global mirror has looked: " + total
                + (total == 1 ? " spotlight" : " spotlights"));
        int most = coverage.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .max().orElse(0);
        int width = coverage.keySet().stream().mapToInt(r -> r.englishName().length()).max().orElse(8);
        for (Map.Entry<Region, Map<Region, Integer>> region : coverage.entrySet()) {
            int count = region.getValue().values().stream().mapToInt(Integer::intValue).sum();
            int bar = most == 0 ? 0 : Math.max(count > 0 ? 1 : 0, Math.round((float) BAR_WIDTH * count / most));
            text.newline().code(pad(region.getKey().englishName(), width) + " " + "█".repeat(bar)
                    + "·".repeat(BAR_WIDTH - bar) + " " + count);
            if (count > 0) {
                text.text(" " + region.getValue().entrySet().stream().map(e -> e.getKey().englishName() + " "
                        + e.getValue()).collect(Collectors.joining(", ")));
            }
        }
        List<String> never = variety.suggestions(context.room(), 100, 0).stream().filter(s -> s.when() == null)
                .map(s -> s.region().englishName()).sorted().toList();
        if (!never.isEmpty()) {
            text.newline().text("Not looked at yet: " + String.join(", ", never) + ".");
        }
        return Reply.of(text);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
