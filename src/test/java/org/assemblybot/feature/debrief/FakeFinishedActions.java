package org.assemblybot.feature.debrief;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.action.FinishedActions;
import org.assemblybot.core.chat.RoomId;

/** Synchronized actions as the countdown reports them: the test says when one is over, in a transaction. */
final class FakeFinishedActions implements FinishedActions {
    private final List<Finished> finished = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    /** The action is over: remembered, and the listeners told (call inside a transaction, as the countdown does). */
    void finish(Finished action) {
        finished.add(action);
        listeners.forEach(l -> l.actionFinished(action));
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<Finished> finished(RoomId planningRoom, long id) {
        return finished.stream().filter(f -> f.id() == id && f.planningRoom().equals(planningRoom)).findFirst();
    }
}
