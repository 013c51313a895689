package org.assemblybot.app;

import java.time.Clock;
import java.util.List;
import org.assemblybot.adapter.matrix.TrixnityChat;
import org.assemblybot.adapter.ops.OpsConfig;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.SelfIdentity;
import org.assemblybot.core.chat.ServerClock;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.feature.assembly.AssemblyFeature;
import org.assemblybot.feature.assembly.SqliteAssemblyStore;
import org.assemblybot.feature.basics.BasicsFeature;
import org.assemblybot.feature.countdown.CountdownConfig;
import org.assemblybot.feature.countdown.CountdownFeature;
import org.assemblybot.feature.countdown.SqliteCountdownStore;
import org.assemblybot.feature.debrief.DebriefConfig;
import org.assemblybot.feature.debrief.DebriefFeature;
import org.assemblybot.feature.debrief.SqliteDebriefStore;
import org.assemblybot.feature.mirror.MirrorFeature;
import org.assemblybot.feature.mirror.SqliteMirrorStore;
import org.assemblybot.feature.rotation.RotationConfig;
import org.assemblybot.feature.rotation.RotationFeature;
import org.assemblybot.feature.rotation.SqliteRotationStore;
import org.assemblybot.feature.vote.SqliteVoteStore;
import org.assemblybot.feature.vote.VoteFeature;

/** The explicit list of features: adding one is one line here. Each gets only the capabilities it uses. */
final class Features {
    /** What features may be built from; the constructors below pick the narrow parts they need. */
    record Parts(ChatPorts chat, Database database, RoomSettings settings, Scheduler scheduler, Outbox outbox,
                 LiveMessages live, QuietWindow quiet, ServerClock serverClock, OrganizerCheck organizers, Clock clock,
                 String prefix, ConfigValues config, Metrics metrics) {
        Parts(TrixnityChat chat, Database database, RoomSettings settings, Scheduler scheduler, Outbox outbox,
              LiveMessages live, QuietWindow quiet, ServerClock serverClock, OrganizerCheck organizers, Clock clock,
              String prefix, ConfigValues config, Metrics metrics) {
            this(new ChatPorts(chat.identity(), chat.rooms(), chat.directRooms(), chat.punctual()), database, settings,
                    scheduler, outbox, live, quiet, serverClock, organizers, clock, prefix, config, metrics);
        }
    }

    /** The chat's ports the features use: the Matrix adapter's, or fakes in tests that wire every feature. */
    record ChatPorts(SelfIdentity identity, RoomDirectory rooms, DirectRooms directRooms, PunctualSender punctual) {
    }

    /**
     * The config sections beyond the adapters' own: the app's {@code ops} section, then the ones the features
     * declare; the loader checks them and the example file shows them.
     */
    static final List<ConfigSection> CONFIG_SECTIONS = List.of(OpsConfig.SECTION, CountdownConfig.SECTION,
            RotationConfig.SECTION, DebriefConfig.SECTION);

    private Features() {
    }

    static List<Feature> all(Parts p) {
        FeatureKit kit = new FeatureKit(new FeatureKit.Parts(p.chat().identity().userId(), p.clock(), p.prefix(),
                p.settings(), p.outbox(), p.live(), p.scheduler(), p.database(), p.chat().rooms(),
                p.chat().directRooms(), p.organizers()));
        // The room's assemblies; also the AssemblyCalendar that rotation and the mirror read (pass it on to them).
        // Rotation reads the assemblies and names their role holders: the reminders ask it when they go out.
        RotationFeature[] rotation = new RotationFeature[1];
        AssemblyFeature assemblies = new AssemblyFeature(kit, new SqliteAssemblyStore(p.database()),
                (room, start) -> rotation[0].holdersAt(room, start));
        rotation[0] = new RotationFeature(kit, new SqliteRotationStore(p.database()), assemblies,
                RotationConfig.from(p.config()));
        CountdownFeature countdown = new CountdownFeature(kit, new SqliteCountdownStore(p.database()),
                p.chat().punctual(), p.quiet(), p.serverClock(), CountdownConfig.from(p.config()), p.metrics());
        return List.of(
                new BasicsFeature(p.chat().rooms(), p.chat().identity(), p.settings(), p.clock(), p.prefix()),
                countdown,
                new VoteFeature(kit, new SqliteVoteStore(p.database())),
                assemblies,
                rotation[0],
                new MirrorFeature(kit, new SqliteMirrorStore(p.database()), assemblies, rotation[0], rotation[0]),
                // Debriefs follow the synchronized actions (offered when one is over) and pair skills with roles.
                new DebriefFeature(kit, new SqliteDebriefStore(p.database()), countdown, rotation[0],
                        DebriefConfig.from(p.config())));
    }
}
