package org.assemblybot.adapter.ops;

import java.time.Duration;
import java.util.Optional;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/**
 * The {@code ops} section: the health and metrics endpoint for the people who run the bot.
 *
 * @param listen         where {@code /healthz} and {@code /metrics} are served; empty: not at all (the default)
 * @param unhealthyAfter how long without a successful sync before the bot reports itself unhealthy
 */
public record OpsConfig(Optional<ListenAddress> listen, Duration unhealthyAfter) {
    static final Setting<ListenAddress> LISTEN = Setting.of("listen", ValueType.text()
                    .map(ListenAddress::parse, "must be a port (9464, on loopback) or an IP address and port, like "
                            + "127.0.0.1:9464 or [::1]:9464"))
            .example(ListenAddress.parse("127.0.0.1:9464").orElseThrow())
            .comment("Where to serve /healthz and /metrics (Prometheus) over plain HTTP: an IP address and port, or"
                    + " just a port for loopback. Left out: not served (the default). There is no authentication, so"
                    + " it is loopback only unless allow_remote is true.");
    static final Setting<Duration> UNHEALTHY_AFTER = Setting.of("unhealthy_after", ValueType.duration().positive())
            .byDefault(Duration.ofMinutes(2))
            .comment("/healthz answers 503 when no sync with the homeserver succeeded for this long (failing or"
                    + " stalled); with the systemd watchdog, a sync loop stalled this long stops the pings.");
    static final Setting<Boolean> ALLOW_REMOTE = Setting.of("allow_remote", ValueType.bool())
            .byDefault(false)
            .comment("Allow a listen address other than loopback (e.g. 0.0.0.0:9464 inside a container). The"
                    + " metrics name the rooms the bot is in (GO lateness), so expose them only to your own"
                    + " monitoring.");

    /** The {@code ops} section of bot.yaml. */
    public static final ConfigSection SECTION = ConfigSection.optional("ops", LISTEN, UNHEALTHY_AFTER, ALLOW_REMOTE)
            .require(values -> values.find(LISTEN).map(ListenAddress::isLoopback).orElse(true)
                            || values.get(ALLOW_REMOTE),
                    "'ops.listen' is not a loopback address; the endpoint has no authentication, so set"
                            + " 'ops.allow_remote: true' to serve it beyond this machine (or use 127.0.0.1)");

    public static OpsConfig from(ConfigValues config) {
        return from(config.of(SECTION));
    }

    static OpsConfig from(SectionValues values) {
        return new OpsConfig(values.find(LISTEN), values.get(UNHEALTHY_AFTER));
    }
}
