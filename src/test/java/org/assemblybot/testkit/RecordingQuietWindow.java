package org.assemblybot.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.chat.QuietWindow;

/** Records holds and releases of the quiet window around a GO. */
public final class RecordingQuietWindow implements QuietWindow {
    private final List<Instant> holds = new ArrayList<>();
    private int releases;

    @Override
    public synchronized void hold(Instant until) {
        holds.add(until);
    }

    @Override
    public synchronized void release() {
        releases++;
    }

    public synchronized List<Instant> holds() {
        return List.copyOf(holds);
    }

    public synchronized int releases() {
        return releases;
    }
}
