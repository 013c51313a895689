package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assemblybot.adapter.sqlite.DataDirLock;
import org.assemblybot.adapter.sqlite.DataDirLockedException;
import org.assemblybot.adapter.sqlite.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (e), E1: a second instance on the same data dir is refused — exit code 1 and a message saying what to
 * do — before it opens the database or the Matrix store. The lock is an OS file lock, so it holds against another
 * process (a small JVM that holds it, {@link LockHolder}), and against a second start in the same JVM.
 */
// "try": some resources are held only for their effect (the lock is held for its effect only), never referenced.
@SuppressWarnings("try")
class SecondInstanceTest {
    private static final String REFUSED = "another assembly-bot is already running on data dir ";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aSecondStartInThisJvmIsRefusedBeforeOpeningAnything() throws IOException {
        try (DataDirLock first = DataDirLock.acquire(dataDir())) {
            assertEquals(Main.FAILED, start());
        }
        assertRefusedBeforeOpeningAnything();
    }

    @Test
    void aSecondStartWhileAnotherProcessHoldsTheDataDirIsRefused() throws Exception {
        Process holder = java(LockHolder.class, dataDir().toString(), "hold");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine(), "the other process holds the lock");
            assertEquals(Main.FAILED, start());
            assertRefusedBeforeOpeningAnything();
            holder.getOutputStream().close(); // the other process ends, and the OS drops its lock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
        DataDirLock.acquire(dataDir()).close();
    }

    @Test
    void anotherProcessIsRefusedWhileThisOneHoldsTheDataDir() throws Exception {
        try (DataDirLock held = DataDirLock.acquire(dataDir())) {
            Process second = java(LockHolder.class, dataDir().toString(), "try");
            String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            assertEquals(Main.FAILED, second.exitValue(), said);
            assertTrue(said.startsWith(REFUSED + dataDir()), said);
        }
    }

    /** A JVM that takes the lock on a data dir: "hold" keeps it until its stdin closes, "try" exits 1 if refused. */
    static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                if ("hold".equals(args[1])) {
                    System.in.readAllBytes();
                }
            } catch (DataDirLockedException e) {
                System.out.println(e.getMessage());
                System.exit(Main.FAILED);
            }
        }
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    /** {@code assembly-bot run} with a valid config on {@link #dataDir()}; its exit code. */
    private int start() throws IOException {
        Path password = tmp.resolve("password");
        Files.writeString(password, "secret");
        Path config = tmp.resolve("bot.yaml");
        Files.writeString(config, """
                matrix:
                  homeserver: http://127.0.0.1:9
                  user_id: "@bot:example.org"
                  password_file: %s
                storage:
                  data_dir: %s
                """.formatted(password, dataDir()));
        return Main.run(new String[] {"run", "--config", config.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void assertRefusedBeforeOpeningAnything() throws IOException {
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("assembly-bot: " + REFUSED + dataDir() + " (lock held on "
                + dataDir().resolve(DataDirLock.FILE_NAME) + "); stop it first"), said);
        try (var files = Files.list(dataDir())) {
            assertEquals(List.of(DataDirLock.FILE_NAME), files.map(f -> f.getFileName().toString()).toList(),
                    "neither the database nor the Matrix store was opened");
        }
        assertFalse(Files.exists(dataDir().resolve(Database.FILE_NAME)));
    }

    private static Process java(Class<?> main, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
