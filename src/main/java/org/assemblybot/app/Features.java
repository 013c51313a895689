package org.assemblybot.app;

import java.time.Clock;
import java.util.List;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.SelfIdentity;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.feature.basics.BasicsFeature;

/** The explicit list of features: adding one is one line here. */
final class Features {
    private Features() {
    }

    static List<Feature> all(RoomDirectory rooms, SelfIdentity self, RoomSettings settings, Clock clock, String prefix) {
        return List.of(
                new BasicsFeature(rooms, self, settings, clock, prefix));
    }
}
