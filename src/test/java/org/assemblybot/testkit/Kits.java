package org.assemblybot.testkit;

import java.time.Clock;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.Transactions;

/** The production {@link FeatureKit} over the test's real parts and the fake chat edge. */
public final class Kits {
    private Kits() {
    }

    /** Organizers are those at {@link CommandDriver#ORGANIZER_LEVEL} or more in the fake chat; prefix {@code !}. */
    public static FeatureKit featureKit(UserId self, Clock clock, RoomSettings settings, Outbox outbox,
                                        LiveMessages live, Scheduler scheduler, Transactions transactions, FakeChat chat,
                                        DirectRooms directRooms) {
        return new FeatureKit(new FeatureKit.Parts(self, clock, CommandDriver.PREFIX, settings, outbox, live, scheduler,
                transactions, chat, directRooms, OrganizerCheck.byPowerLevel(chat, CommandDriver.ORGANIZER_LEVEL)));
    }
}
