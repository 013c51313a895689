package org.assemblybot.adapter.quartz;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assemblybot.core.schedule.JobKey;
import org.assemblybot.core.schedule.JobScheduler;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobScheduler} on Quartz with its in-memory RAMJobStore only: the database is the source of truth
 * and the triggers are rebuilt from it at startup (T1). Quartz never decides about lateness: its misfire
 * threshold is far beyond any pause, and a late trigger fires at once with its original scheduled time,
 * so the caller's misfire policy (T2) sees how late it really is.
 */
public final class QuartzJobScheduler implements JobScheduler {
    private static final Logger log = LoggerFactory.getLogger(QuartzJobScheduler.class);
    private static final String GROUP = "assembly-bot";
    /** Far longer than any pause: Quartz must not rewrite a late trigger's time. */
    private static final Duration MISFIRE_THRESHOLD = Duration.ofDays(3650);
    /** Quartz keeps schedulers in a JVM-wide registry by name; each instance gets its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler quartz;

    /** Builds the Quartz scheduler in standby: nothing fires before {@link #start}. */
    public QuartzJobScheduler() {
        Properties props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", "assembly-bot-" + INSTANCES.incrementAndGet());
        props.setProperty("org.quartz.threadPool.threadCount", "4");
        props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        try {
            quartz = new StdSchedulerFactory(props).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler", e);
        }
    }

    @Override
    public void start(Handler handler) {
        try {
            quartz.setJobFactory((bundle, scheduler) -> new FireJob(handler));
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler", e);
        }
    }

    /** Sets the key's one trigger to {@code at}, replacing any earlier one; a past instant fires at once. */
    @Override
    public void scheduleAt(JobKey key, Instant at) {
        JobDetail job = JobBuilder.newJob(FireJob.class).withIdentity(key.itemId(), GROUP).build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key.itemId(), GROUP)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule trigger for " + key.itemId(), e);
        }
    }

    @Override
    public void cancel(JobKey key) {
        try {
            quartz.deleteJob(org.quartz.JobKey.jobKey(key.itemId(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot cancel trigger for " + key.itemId(), e);
        }
    }

    /** Stops firing and waits for running jobs to finish (T5). */
    @Override
    public void shutdown() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot shut down the Quartz scheduler", e);
        }
    }

    /** The one job: hands the key and the trigger's planned time to the handler. */
    static final class FireJob implements Job {
        private final Handler handler;

        FireJob(Handler handler) {
            this.handler = handler;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String itemId = context.getJobDetail().getKey().getName();
            try {
                handler.fire(new JobKey(itemId), context.getScheduledFireTime().toInstant());
            } catch (RuntimeException e) {
                log.error("firing the trigger of {} failed", itemId, e);
            }
        }
    }
}
