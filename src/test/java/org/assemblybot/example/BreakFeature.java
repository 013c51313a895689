package org.assemblybot.example;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.TimeInput;

/**
 * The smallest whole feature, built from the kit alone: {@code !break start <length>} (organizers), {@code !break
 * end}, a scheduled "break is over", and a live status edited in place. {@code ExampleFeatureTest} keeps it small.
 */
final class BreakFeature implements Feature, DueHandler {
    static final String ID = "break";
    private static final LiveKey STATUS = new LiveKey(ID, "status");
    private final FeatureKit kit;

    BreakFeature(FeatureKit kit) {
        this.kit = kit;
    }

    @Override
    public String id() { return ID; }

    @Override
    public List<Command> commands() {
        return List.of(Command.named("break").summary("A pause in the meeting.").example("break start 10m")
                .sub(Command.named("start").args(ArgSpec.required("length", "how long, e.g. 10m")).forOrganizers()
                        .summary("Starts a break.").example("break start 10m").handler(this::start))
                .sub(Command.named("end").summary("Ends the break now.").example("break end").handler(this::end))
                .build());
    }

    @Override
    public DueHandler dueHandler() { return this; }

    private Reply start(CommandContext context) {
        Instant until = kit.now().plus(Durations.fromCommand(context.arg(0)));
        kit.scheduler().cancelByRef(ID, context.room().value());
        kit.scheduler().schedule(ScheduleItem.once(ID + ":" + context.room().value() + ":" + until.toEpochMilli(), ID,
                "over", context.room().value(), context.room(), until, MisfirePolicy.RUN_LATE, Duration.ZERO));
        String end = TimeInput.describe(until, kit.zoneOf(context.room()));
        kit.live().show(STATUS, context.room(), RichText.create().text("☕ On a break until " + end + "."));
        return Reply.text("Break until " + end + ".");
    }

    private Reply end(CommandContext context) {
        kit.scheduler().cancelByRef(ID, context.room().value()).forEach(item -> over(item.room(), item.id()));
        return Reply.text("Break ended.");
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        over(item.room(), item.id());
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        onDue(item, occurrence, late);
    }

    private void over(RoomId room, String what) {
        kit.live().show(STATUS, room, RichText.create().text("▶️ In session."));
        kit.post(room, FeatureKit.once(ID, what, room), RichText.create().text("The break is over: back to the agenda."));
    }
}
