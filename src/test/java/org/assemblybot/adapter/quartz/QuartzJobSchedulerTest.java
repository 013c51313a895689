package org.assemblybot.adapter.quartz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assemblybot.core.schedule.JobKey;
import org.junit.jupiter.api.Test;

/**
 * Quartz itself, on real time: the only scheduling test that waits (on a latch, with a timeout). The
 * scheduling logic is tested with a fake clock in {@code SchedulerTest}.
 */
class QuartzJobSchedulerTest {
    private record Fired(JobKey key, Instant scheduledFor) {
    }

    @Test
    void aTriggerFiresOnceWithItsKeyAndPlannedTime() throws InterruptedException {
        List<Fired> fired = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(1);
        QuartzJobScheduler jobs = new QuartzJobScheduler();
        Instant soon = Instant.now().plusMillis(50).truncatedTo(ChronoUnit.MILLIS); // Quartz keeps milliseconds
        try {
            jobs.start((key, scheduledFor) -> {
                fired.add(new Fired(key, scheduledFor));
                latch.countDown();
            });
            jobs.scheduleAt(new JobKey("item-1"), soon.plus(Duration.ofHours(1)));
            jobs.scheduleAt(new JobKey("item-1"), soon); // replaces the first trigger
            jobs.scheduleAt(new JobKey("cancelled"), soon);
            jobs.cancel(new JobKey("cancelled"));

            assertTrue(latch.await(10, TimeUnit.SECONDS), "the trigger did not fire");
        } finally {
            jobs.shutdown(); // waits for running jobs, so a second firing would be recorded by now
        }
        assertEquals(List.of(new Fired(new JobKey("item-1"), soon)), fired);
    }
}
