package org.assemblybot.core.feature;

import java.util.List;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.LateDropListener;
import org.assemblybot.core.store.SentListener;

/**
 * Connects features to the scheduler and the outbox relay by what they implement. One place, so the app and the
 * tests that run features on the production parts wire them the same way.
 */
public final class FeatureHooks {
    private FeatureHooks() {
    }

    public static void connect(List<Feature> features, Scheduler scheduler, OutboxSender relay) {
        for (Feature feature : features) {
            DueHandler handler = feature.dueHandler();
            if (handler != null) {
                scheduler.register(feature.id(), handler);
            }
            if (feature instanceof SentListener listener) {
                // The relay tells them the event ids of what they queued: to edit it, end a poll, count ✋.
                relay.addListener(listener);
            }
            if (feature instanceof LateDropListener listener) {
                // A GO dropped unsent for being too late: the feature tells the room instead.
                relay.addDropListener(listener);
            }
        }
    }
}
