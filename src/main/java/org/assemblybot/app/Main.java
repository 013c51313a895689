package org.assemblybot.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.assemblybot.adapter.config.BotConfig;
import org.assemblybot.adapter.config.ConfigException;
import org.assemblybot.adapter.config.ConfigLoader;
import org.assemblybot.adapter.sqlite.DataDirLockedException;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.StorageException;
import org.assemblybot.core.chat.ChatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line: {@code run}, {@code check-config}, {@code backup}, {@code version}. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE_OR_CONFIG = 2;

    private static final String USAGE = """
            Usage:
              assembly-bot run --config FILE            connect and serve until stopped (SIGTERM)
              assembly-bot check-config FILE            validate a config file without connecting
              assembly-bot backup --config FILE TARGET  online backup of the bot's database (not the Matrix keys)
              assembly-bot version
            Example:
              java -jar target/assembly-bot.jar run --config bot-config.yaml
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return BAD_USAGE_OR_CONFIG;
        }
        try {
            return switch (args[0]) {
                case "run" -> serve(option(args, "--config"));
                case "check-config" -> checkConfig(args.length == 2 ? args[1] : option(args, "--config"), out);
                case "backup" -> backup(option(args, "--config"), positional(args), out);
                case "version", "--version" -> {
                    out.println("assembly-bot " + version());
                    yield OK;
                }
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield OK;
                }
                default -> {
                    err.println("Unknown command '" + args[0] + "'.");
                    err.print(USAGE);
                    yield BAD_USAGE_OR_CONFIG;
                }
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return BAD_USAGE_OR_CONFIG;
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return BAD_USAGE_OR_CONFIG;
        } catch (DataDirLockedException | ChatException | StorageException e) {
            err.println("assembly-bot: " + e.getMessage());
            return FAILED;
        }
    }

    private static int checkConfig(String file, PrintStream out) {
        BotConfig config = ConfigLoader.load(Path.of(file), Features.CONFIG_SECTIONS);
        out.println(file + ": OK (" + config.matrix().userId() + " on " + config.matrix().homeserver()
                + ", data in " + config.storage().dataDir() + ")");
        return OK;
    }

    private static int backup(String configFile, String target, PrintStream out) {
        BotConfig config = ConfigLoader.load(Path.of(configFile), Features.CONFIG_SECTIONS);
        // A separate read-only connection: safe while the bot runs, and never migrates a live database.
        Database.backup(config.storage().dataDir(), Path.of(target));
        out.println("Backed up the bot's database to " + target
                + " (the Matrix device and its keys are not included: restoring them would break E2EE).");
        return OK;
    }

    private static int serve(String configFile) {
        BotConfig config = ConfigLoader.load(Path.of(configFile), Features.CONFIG_SECTIONS);
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("assembly-bot {} starting as {} on {}", version(), config.matrix().userId(), config.matrix().homeserver());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> fatal = new AtomicReference<>();
        Wiring.Running running = Wiring.start(config, System.getenv(), Clock.systemUTC(), reason -> {
            if (fatal.compareAndSet(null, reason)) {
                stopped.countDown();
            }
        });
        Thread hook = new Thread(() -> {
            log.info("stopping");
            running.close();
            log.info("stopped");
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fatal.get() == null) {
            return OK;
        }
        // The bot cannot go on (e.g. its access was revoked): stop cleanly, once, and say why.
        log.error(fatal.get());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            return FAILED; // a signal came at the same moment; the hook closes everything
        }
        running.close();
        return FAILED;
    }

    private static String option(String[] args, String name) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new UsageException("Missing " + name + " FILE.");
    }

    /** The one argument that is neither an option nor an option's value (the backup's target). */
    private static String positional(String[] args) {
        String found = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                i++; // skip the option's value
            } else if (found == null) {
                found = args[i];
            } else {
                throw new UsageException("Unexpected argument '" + args[i] + "'.");
            }
        }
        if (found == null) {
            throw new UsageException("Missing the backup's TARGET file.");
        }
        return found;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/assembly-bot-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
