package org.assemblybot.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.assemblybot.adapter.config.BotConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The entry point: the command line ({@link Cli}) and serving until stopped. */
public final class Main {
    static final int OK = Cli.OK;
    static final int FAILED = Cli.FAILED;
    static final int BAD_USAGE_OR_CONFIG = Cli.BAD_USAGE_OR_CONFIG;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(args, out, err);
    }

    static int serve(BotConfig config) {
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
}
