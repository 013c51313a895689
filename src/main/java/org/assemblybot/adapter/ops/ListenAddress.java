package org.assemblybot.adapter.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the ops endpoint listens: {@code 9464} (loopback), {@code 127.0.0.1:9464}, {@code localhost:9464},
 * {@code [::1]:9464} or another IP address with its port. Host names other than {@code localhost} are not
 * taken: reading the config must not depend on DNS.
 */
public record ListenAddress(InetAddress address, int port) {
    private static final Pattern PORT_ONLY = Pattern.compile("\\d{1,5}");
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([0-9.]+|localhost)):(\\d{1,5})");

    public static Optional<ListenAddress> parse(String text) {
        String value = text.strip();
        try {
            if (PORT_ONLY.matcher(value).matches()) {
                return port(InetAddress.getLoopbackAddress(), value);
            }
            Matcher m = HOST_PORT.matcher(value);
            if (!m.matches()) {
                return Optional.empty();
            }
            String host = m.group(1) != null ? m.group(1) : m.group(2);
            InetAddress address = host.equals("localhost") ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host); // an IP literal: no look-up
            return port(address, m.group(3));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<ListenAddress> port(InetAddress address, String port) {
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535 ? Optional.of(new ListenAddress(address, number)) : Optional.empty();
    }

    /** Loopback only: reachable from this machine alone. */
    public boolean isLoopback() {
        return address.isLoopbackAddress();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** The address as {@code host:port}, IPv6 in brackets; what {@code status} connects to. */
    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
