package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.assemblybot.tour.Tour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's tour ({@code scripts/demo --tour}) still works: run as the script runs it, its transcript shows each
 * job's key lines as the people's clients received them. The tour itself waits for each step; this checks that
 * what it printed says so.
 */
class TourIT {
    @TempDir
    static Path dir;

    @Test
    void theTranscriptShowsEachJob() {
        String transcript = Tour.run(System.out, dir);

        expect(transcript, "a vote",
                "alice  !vote \"Where do we meet next week?\" Park Library",
                "bea    answered the poll: option 2",
                "(edited) 🗳 Vote #1: Where do we meet next week? — 2 of 2 members have voted so far.",
                "🗳 Results of Vote #1", "Turnout: 2 of 2 members (100%).");
        expect(transcript, "a synchronized action",
                "bea    reacted ✋", "GO in 20 seconds", "(edited) Join: react ✋ to this message or type",
                "1 person in 1 group so far (1 here)", "🟢 GO — Minute of silence",
                "(edited) ⏱ Minute of silence — GO now.", "⏹ Minute of silence ends now.");
        expect(transcript, "a debrief signup",
                "is over. Harvest it while it is fresh", "alice  !debrief start 1 ", "📋 Debrief #1 Minute of silence",
                "bea    !signup comms", "🙌 You hold comms", "(edited) • comms 1/2 (1 free, terms of 14 days): @bea");
        expect(transcript, "a rotation handover",
                "📅 Assembly in 20 seconds", "Facilitation: @alice",
                "@bea, you are next in line to take over from @alice", "✉ to bea: You are asked to take Facilitation",
                "bea    !role accept Facilitation", "✅ @bea accepted",
                "🔄 Handover: @bea takes Facilitation over from @alice");

        assertFalse(transcript.contains("could not decrypt"), "every message decrypted");
        for (String secret : List.of("pw-", "syt_", "password", "recovery")) {
            assertFalse(transcript.contains(secret), "nothing secret in the transcript: " + secret);
        }
    }

    private static void expect(String transcript, String job, String... lines) {
        for (String line : lines) {
            assertTrue(transcript.contains(line), job + ": the transcript lacks \"" + line + "\"");
        }
    }
}
