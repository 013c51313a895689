package org.assemblybot.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot as operators run it: the packaged jar in its own JVM, so that restart tests really restart.
 * Its output goes to a log file the test can read.
 */
public final class BotProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("assembly-bot ready as (\\S+) \\(device (\\S+), cross-signed: (\\w+)\\)");

    private final Process process;
    private final Path log;
    private String deviceId;
    private boolean crossSigned;
    private Duration startup;

    private BotProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -jar assembly-bot.jar run --config CONFIG} and waits until it says it is ready.
     * Use a new {@code log} file for every start.
     */
    public static BotProcess start(Path config, Path log, Map<String, String> env) {
        return start(config, log, env, jvmFlags());
    }

    /** As {@link #start(Path, Path, Map)}, with these JVM flags. */
    public static BotProcess start(Path config, Path log, Map<String, String> env, List<String> flags) {
        Path jar = Path.of(System.getProperty("assemblybot.jar", "target/assembly-bot.jar"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            long started = System.nanoTime();
            BotProcess bot = new BotProcess(builder.start(), log);
            bot.awaitReady(Duration.ofMinutes(3));
            bot.startup = Duration.ofNanos(System.nanoTime() - started);
            return bot;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the bot", e);
        }
    }

    /**
     * The bot JVM's flags: {@code -Xmx512m} unless the system property {@code assemblybot.jvmflags} (flags
     * separated by spaces) says otherwise — benchmarks compare flag sets with it.
     */
    public static List<String> jvmFlags() {
        String flags = System.getProperty("assemblybot.jvmflags", "-Xmx512m").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** Runs the bot until it exits on its own (e.g. a startup failure); returns the exit code. */
    public static int runToExit(Path config, Path log, Duration timeout) {
        Path jar = Path.of(System.getProperty("assemblybot.jar", "target/assembly-bot.jar"));
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the bot did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(log());
            if (ready.find()) {
                deviceId = ready.group(2);
                crossSigned = Boolean.parseBoolean(ready.group(3));
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the bot exited with " + process.exitValue() + ":\n" + log());
            }
            pause();
        }
        throw new AssertionError("the bot was not ready within " + timeout + ":\n" + log());
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean crossSigned() {
        return crossSigned;
    }

    /** From starting the JVM until the bot said it was ready (measured by polling its log every 20 ms). */
    public Duration startupTime() {
        return startup;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the bot's JVM in KiB, from /proc. */
    public long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the bot did not stop within 60 s:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** Waits for the bot to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the bot did not exit within " + timeout + ":\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hooks, like a power cut. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Polling a child process's log file: a short fixed pause is the only way to wait for it. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
