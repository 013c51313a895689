package org.assemblybot.adapter.ops;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notify protocol (sd_notify): one datagram such as {@code READY=1} or {@code WATCHDOG=1} to the unix
 * socket named in {@code NOTIFY_SOCKET}. The JDK cannot send it: Java 16+ has unix domain sockets for stream
 * channels only, and systemd's socket is a datagram socket. Shelling out to {@code systemd-notify} is racy
 * (systemd finds the sending unit by the sender's pid, and that short-lived process may be gone before systemd
 * looks, so messages get lost unless the tool can pretend to be the main pid, which systemd 252 in Debian 12
 * cannot do without privileges). So JNA — a small, long-maintained library — calls libc's {@code socket} and
 * {@code sendto} directly, from the bot's own (main) process.
 */
public final class SdNotify {
    private static final Logger log = LoggerFactory.getLogger(SdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH = 108;

    /** The few libc calls needed; loaded only when systemd asked for notifications. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

        int close(int fd);
    }

    private final byte[] address;
    private final int addressLength;
    private final Duration watchdogInterval;
    private volatile LibC libc;

    private SdNotify(byte[] address, int addressLength, Duration watchdogInterval) {
        this.address = address;
        this.addressLength = addressLength;
        this.watchdogInterval = watchdogInterval;
    }

    /**
     * The notifier systemd asked for through {@code NOTIFY_SOCKET} (Type=notify), empty when not run that way.
     * A {@code WATCHDOG_PID} naming another process means the watchdog is not ours.
     */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> env, long pid) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@"))) {
            return Optional.empty();
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH) {
            log.warn("NOTIFY_SOCKET is too long for a unix socket address; not notifying systemd");
            return Optional.empty();
        }
        ByteBuffer address = ByteBuffer.allocate(2 + SUN_PATH).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX).put(path);
        byte[] bytes = address.array();
        int length = 2 + path.length + 1; // a path ends with NUL
        if (socket.startsWith("@")) {
            bytes[2] = 0; // the abstract namespace: a leading NUL, and the length without a trailing one
            length = 2 + path.length;
        }
        return Optional.of(new SdNotify(bytes, length, watchdogInterval(env, pid)));
    }

    /** Half of {@code WATCHDOG_USEC}, as systemd recommends; null when there is no watchdog for this process. */
    private static Duration watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || forPid != null && !forPid.equals(Long.toString(pid))) {
            return null;
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Duration.ofNanos(micros * 1000 / 2) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How often to send {@code WATCHDOG=1}; empty when systemd set no watchdog. */
    public Optional<Duration> watchdogInterval() {
        return Optional.ofNullable(watchdogInterval);
    }

    public boolean ready() {
        return send("READY=1");
    }

    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    public boolean stopping() {
        return send("STOPPING=1");
    }

    /** Sends one notification; false (logged) when it could not be sent. Never throws. */
    public boolean send(String state) {
        try {
            LibC c = libc();
            int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                log.warn("sd_notify: socket() failed (errno {})", Native.getLastError());
                return false;
            }
            try {
                byte[] message = state.getBytes(StandardCharsets.UTF_8);
                long sent = c.sendto(fd, message, new NativeLong(message.length), 0, address, addressLength).longValue();
                if (sent != message.length) {
                    log.warn("sd_notify: sending {} failed (errno {})", state, Native.getLastError());
                    return false;
                }
                return true;
            } finally {
                c.close(fd);
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.warn("sd_notify: cannot notify systemd: {}", e.toString());
            return false;
        }
    }

    private LibC libc() {
        LibC loaded = libc;
        if (loaded == null) {
            loaded = Native.load("c", LibC.class);
            libc = loaded;
        }
        return loaded;
    }
}
