package org.assemblybot.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line as {@code main} does, keeping what the last run printed to stdout and stderr. */
final class CliRun {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Returns the exit code. */
    int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code dir/bot.yaml}: a valid config with its data in {@code dataDir}, plus extra lines under matrix and storage. */
    static Path config(Path dir, Path dataDir, String matrixExtra, String storageExtra) throws IOException {
        Path file = dir.resolve("bot.yaml");
        Files.writeString(file, """
                matrix:
                  homeserver: http://127.0.0.1:9
                  user_id: "@bot:example.org"
                %s
                storage:
                  data_dir: %s
                %s
                """.formatted(matrixExtra, dataDir, storageExtra));
        return file;
    }
}
