package org.assemblybot.app;

import java.time.Clock;
import java.util.List;
import org.assemblybot.adapter.matrix.TrixnityChat;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.ServerClock;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.feature.basics.BasicsFeature;
import org.assemblybot.feature.countdown.CountdownConfig;
import org.assemblybot.feature.countdown.CountdownFeature;
import org.assemblybot.feature.countdown.SqliteCountdownStore;
import org.assemblybot.feature.vote.SqliteVoteStore;
import org.assemblybot.feature.vote.VoteFeature;

/** The explicit list of features: adding one is one line here. Each gets only the capabilities it uses. */
final class Features {
    /** What features may be built from; the constructors below pick the narrow parts they need. */
    record Parts(TrixnityChat chat, Database database, RoomSettings settings, Scheduler scheduler, Outbox outbox,
                 LiveMessages live, QuietWindow quiet, ServerClock serverClock, OrganizerCheck organizers, Clock clock, String prefix,
                 CountdownConfig countdown) {
    }

    private Features() {
    }

    static List<Feature> all(Parts p) {
        return List.of(
                new BasicsFeature(p.chat(), p.chat(), p.settings(), p.clock(), p.prefix()),
                new CountdownFeature(p.chat().userId(), new SqliteCountdownStore(p.database()), p.scheduler(),
                        p.database(), p.outbox(), p.live(), p.quiet(), p.chat(), p.chat(), p.serverClock(), p.settings(), p.organizers(), p.clock(),
                        p.countdown(), p.prefix()),
                new VoteFeature(p.chat().userId(), new SqliteVoteStore(p.database()), p.scheduler(),
                        p.outbox(), p.live(), p.chat(), p.chat(), p.settings(), p.organizers(), p.clock(), p.prefix()));
    }
}
