package org.assemblybot.core.schedule;

/**
 * What to do when a trigger fires later than planned (the bot was down or busy), decided per kind of
 * item and tested with a fake clock (T2). Nothing is ever deleted silently: a skipped or missed
 * occurrence is recorded and reported.
 */
public enum MisfirePolicy {
    /** Run anyway, however late (e.g. a reminder that is still useful). */
    RUN_LATE,
    /** A recurring item skips to its next occurrence and says so once. */
    SKIP_TO_NEXT,
    /** Late beyond the grace period is harmful (e.g. a GO): don't run, report it as missed. */
    MISS_IF_LATE
}
