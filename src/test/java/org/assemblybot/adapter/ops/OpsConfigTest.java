package org.assemblybot.adapter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.config.ConfigProblem;
import org.junit.jupiter.api.Test;

/** The ops section: off by default, loopback unless remote serving is allowed explicitly. */
class OpsConfigTest {
    private static OpsConfig read(Map<String, ?> raw) {
        return OpsConfig.from(OpsConfig.SECTION.read(raw));
    }

    @Test
    void offByDefault() {
        assertEquals(new OpsConfig(Optional.empty(), Duration.ofMinutes(2)), read(Map.of()));
    }

    @Test
    void aPortAloneListensOnLoopback() {
        assertEquals("127.0.0.1:9464", read(Map.of("listen", 9464)).listen().orElseThrow().toString());
        assertEquals("127.0.0.1:9464", read(Map.of("listen", "localhost:9464")).listen().orElseThrow().toString());
        assertEquals("[0:0:0:0:0:0:0:1]:9464", read(Map.of("listen", "[::1]:9464")).listen().orElseThrow().toString());
        assertEquals(Duration.ofSeconds(90), read(Map.of("listen", "127.0.0.1:9464", "unhealthy_after", "90s"))
                .unhealthyAfter());
    }

    @Test
    void aNonLoopbackAddressNeedsAllowRemote() {
        ConfigProblem refused = assertThrows(ConfigProblem.class, () -> read(Map.of("listen", "0.0.0.0:9464")));
        assertTrue(refused.getMessage().contains("'ops.allow_remote: true'"), refused.getMessage());

        assertEquals("0.0.0.0:9464", read(Map.of("listen", "0.0.0.0:9464", "allow_remote", true))
                .listen().orElseThrow().toString());
    }

    @Test
    void hostNamesAndBadPortsAreRefusedNamingTheKey() {
        for (String bad : new String[] {"metrics.example.org:9464", "127.0.0.1", "127.0.0.1:0", "70000", "x"}) {
            ConfigProblem problem = assertThrows(ConfigProblem.class, () -> read(Map.of("listen", bad)), bad);
            assertTrue(problem.getMessage().startsWith("'ops.listen' must be a port"), problem.getMessage());
        }
    }
}
