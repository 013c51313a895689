package org.assemblybot.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.assemblybot.adapter.config.BotConfig;
import org.assemblybot.adapter.config.ConfigException;
import org.assemblybot.adapter.config.ConfigLoader;
import org.assemblybot.adapter.matrix.MatrixStore;
import org.assemblybot.adapter.ops.OpsConfig;
import org.assemblybot.adapter.ops.OpsException;
import org.assemblybot.adapter.sqlite.DataDirLock;
import org.assemblybot.adapter.sqlite.DataDirLockedException;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.StorageException;
import org.assemblybot.core.chat.ChatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line, on picocli: subcommands, generated {@code --help}, and the exit codes the bot always had
 * — 0 done, 1 failed (could not start, or a check found problems), 2 bad usage or configuration.
 */
@Command(name = "assembly-bot", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "A Matrix bot for assemblies: rotating roles, synchronized actions, quick votes.",
        subcommands = {Cli.Run.class, Cli.CheckConfig.class, Cli.Backup.class, Cli.Verify.class, Cli.Export.class,
                Cli.Status.class, Cli.VersionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (143 after SIGTERM while running)",
                "1:failed: could not start, or a check found problems",
                "2:bad usage or configuration"},
        footer = {"", "Example:", "  java -jar target/assembly-bot.jar run --config bot.yaml"})
final class Cli implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE_OR_CONFIG = 2;

    @Spec
    CommandSpec spec;

    private Cli() {
    }

    /** Runs the command line; returns the exit code. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(Cli::badUsage);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failed(e, command.getErr()));
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && command.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            err.println("Unknown command '" + unmatched.getUnmatched().get(0) + "'.");
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        } else {
            err.println(e.getMessage());
        }
        command.usage(err);
        return BAD_USAGE_OR_CONFIG;
    }

    private static int failed(Exception e, PrintWriter err) throws Exception {
        if (e instanceof ConfigException) {
            err.println("Configuration error: " + e.getMessage());
            return BAD_USAGE_OR_CONFIG;
        }
        if (e instanceof DataDirLockedException || e instanceof ChatException || e instanceof StorageException
                || e instanceof OpsException) {
            err.println("assembly-bot: " + e.getMessage());
            return FAILED;
        }
        throw e;
    }

    static BotConfig load(String file) {
        return ConfigLoader.load(Path.of(file), Features.CONFIG_SECTIONS);
    }

    /** The {@code --config FILE} option the commands that read the bot's config share. */
    static final class ConfigFile {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the bot's YAML config")
        String file;

        BotConfig load() {
            return Cli.load(file);
        }
    }

    /** A subcommand that prints: its output and error streams come from the command line. */
    abstract static class Subcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    /** The version, for {@code --version} and {@code version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"assembly-bot " + Main.version()};
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Connect to the homeserver and serve until stopped (SIGTERM).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigFile config;

        @Override
        public Integer call() {
            return Main.serve(config.load());
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true,
            description = "Validate a config file without connecting or writing anything.")
    static final class CheckConfig extends Subcommand {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "the config file (or --config FILE)")
        String file;
        @Option(names = "--config", paramLabel = "FILE", description = "the config file")
        String config;

        @Override
        public Integer call() {
            String path = file != null ? file : config;
            if (path == null || file != null && config != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Name one config FILE.");
            }
            BotConfig loaded = load(path);
            out().println(path + ": OK (" + loaded.matrix().userId() + " on "
                    + loaded.matrix().homeserver() + ", data in " + loaded.storage().dataDir() + ")");
            return OK;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Online backup of the bot's database (not the Matrix keys) to TARGET, which must not exist.",
                    "Safe while the bot runs."})
    static final class Backup extends Subcommand {
        @CommandLine.Mixin
        ConfigFile config;
        @Parameters(paramLabel = "TARGET", description = "the backup file to write")
        Path target;

        @Override
        public Integer call() {
            BotConfig loaded = config.load();
            // A separate read-only connection: safe while the bot runs, and never migrates a live database.
            Database.backup(loaded.storage().dataDir(), target);
            out().println("Backed up the bot's database to " + target
                    + " (the Matrix device and its keys are not included: restoring them would break E2EE).");
            return OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the bot's database (SQLite integrity and foreign keys) and the Matrix store.",
                    "While the bot runs, the Matrix store is only checked to be there and readable."})
    static final class Verify extends Subcommand {
        @CommandLine.Mixin
        ConfigFile config;

        @Override
        public Integer call() {
            Path dataDir = config.load().storage().dataDir();
            PrintWriter out = out();
            List<String> problems = new ArrayList<>();
            if (!Files.isDirectory(dataDir)) {
                problems.add("no data directory at " + dataDir);
            } else {
                problems.addAll(report(out, "database " + dataDir.resolve(Database.FILE_NAME),
                        Database.verify(dataDir)));
                problems.addAll(report(out, "Matrix store " + MatrixStore.file(dataDir.resolve("matrix")),
                        matrixStore(dataDir, out)));
            }
            problems.forEach(problem -> err().println("problem: " + problem));
            return problems.isEmpty() ? OK : FAILED;
        }

        private static List<String> report(PrintWriter out, String what, List<String> problems) {
            out.println(what + ": " + (problems.isEmpty() ? "ok" : problems.size() + " problem(s)"));
            return problems;
        }

        /** Read through when no bot holds the data directory (H2 allows one process a file); else looked at. */
        private static List<String> matrixStore(Path dataDir, PrintWriter out) {
            Path store = dataDir.resolve("matrix");
            try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
                return MatrixStore.verify(store, true);
            } catch (DataDirLockedException running) {
                out.println("(the bot is running: the Matrix store is only checked to be there and readable)");
                return MatrixStore.verify(store, false);
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"The public record of the rooms as Markdown: role holders, vote results, synchronized "
                    + "actions.", "Never message bodies. Safe while the bot runs."})
    static final class Export extends Subcommand {
        @CommandLine.Mixin
        ConfigFile config;
        @Option(names = "--room", paramLabel = "ROOM_ID", description = "only this room (!id:server)")
        String room;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (must not exist) "
                + "instead of to standard output")
        Path output;

        @Override
        public Integer call() throws IOException {
            String markdown = PublicRecord.markdown(config.load().storage().dataDir(), Optional.ofNullable(room));
            if (output == null) {
                out().print(markdown);
                out().flush();
            } else {
                Files.writeString(output, markdown, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                out().println("Wrote the public record to " + output);
            }
            return OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"One screen of what the running bot is doing, read from its /metrics (ops.listen).",
                    "Exit code 1 when it is unreachable or unhealthy."})
    static final class Status extends Subcommand {
        @Option(names = "--config", paramLabel = "FILE", description = "the bot's YAML config (for ops.listen)")
        String config;
        @Option(names = "--url", paramLabel = "URL", description = "the endpoint instead, e.g. http://127.0.0.1:9464")
        URI url;

        @Override
        public Integer call() {
            URI base = url;
            if (base == null) {
                if (config == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "Give --config FILE or --url URL.");
                }
                base = OpsConfig.from(load(config).sections()).listen()
                        .map(address -> URI.create("http://" + address))
                        .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                                "ops.listen is not set in " + config + ": the bot serves no metrics."));
            }
            return StatusScreen.show(base, out(), err());
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
    static final class VersionCommand extends Subcommand {

        @Override
        public Integer call() {
            out().println("assembly-bot " + Main.version());
            return OK;
        }
    }
}
