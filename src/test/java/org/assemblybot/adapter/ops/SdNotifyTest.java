package org.assemblybot.adapter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real unix datagram socket, bound here as systemd binds its own. */
class SdNotifyTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;

    /** What systemd's side needs: bind and receive. */
    interface Receiver extends Library {
        Receiver C = Native.load("c", Receiver.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

        int close(int fd);
    }

    @TempDir
    Path tmp;

    private static byte[] address(String path) {
        ByteBuffer address = ByteBuffer.allocate(110).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX).put(path.getBytes(StandardCharsets.UTF_8));
        return address.array();
    }

    private static String receive(int fd) {
        byte[] buffer = new byte[256];
        long n = Receiver.C.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).longValue();
        return n < 0 ? null : new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
    }

    @Test
    void sendsReadyAndWatchdogToTheNotifySocket() {
        String path = tmp.resolve("notify").toString();
        int fd = Receiver.C.socket(AF_UNIX, SOCK_DGRAM, 0);
        assertTrue(fd >= 0);
        try {
            assertEquals(0, Receiver.C.bind(fd, address(path), 2 + path.length() + 1));
            SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path, "WATCHDOG_USEC", "20000000"), 42)
                    .orElseThrow();

            assertEquals(Optional.of(Duration.ofSeconds(10)), notify.watchdogInterval(), "half the watchdog period");
            assertTrue(notify.ready());
            assertTrue(notify.watchdog());

            assertEquals("READY=1", receive(fd));
            assertEquals("WATCHDOG=1", receive(fd));
        } finally {
            Receiver.C.close(fd);
        }
    }

    @Test
    void withoutSystemdThereIsNothingToNotify() {
        assertEquals(Optional.empty(), SdNotify.fromEnvironment(Map.of(), 42));
        assertEquals(Optional.empty(), SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative"), 42));
    }

    @Test
    void aWatchdogForAnotherProcessIsNotOurs() {
        SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "1000000",
                "WATCHDOG_PID", "7"), 42).orElseThrow();
        assertEquals(Optional.empty(), notify.watchdogInterval());
        assertFalse(notify.send("READY=1"), "nobody listens at /run/x: false, never an exception");
    }
}
