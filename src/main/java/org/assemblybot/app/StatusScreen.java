package org.assemblybot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code status} command: one screen from the running bot's {@code /healthz} and {@code /metrics}, for
 * people without Grafana. Reads the Prometheus text format line by line (names, labels, values); what it does
 * not know it leaves out.
 */
final class StatusScreen {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One sample: labels and value. */
    record Sample(Map<String, String> labels, double value) {
    }

    private StatusScreen() {
    }

    /** Prints the screen; 0 when the bot answered healthy, 1 when it is unhealthy or cannot be reached. */
    static int show(URI base, PrintWriter out, PrintWriter err) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String root = base.toString().replaceAll("/+$", "");
        try {
            HttpResponse<String> health = http.send(get(root + "/healthz"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(get(root + "/metrics"), HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                err.println("assembly-bot: " + root + "/metrics answered " + metrics.statusCode());
                return Cli.FAILED;
            }
            boolean healthy = health.statusCode() == 200;
            out.print(render(root, healthy, health.body().strip(), parse(metrics.body())));
            out.flush();
            return healthy ? Cli.OK : Cli.FAILED;
        } catch (IOException e) {
            err.println("assembly-bot: cannot reach " + root + " (" + e.getClass().getSimpleName()
                    + "): is the bot running with ops.listen set?");
            return Cli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.FAILED;
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    }

    /** Every sample by metric name, in the order scraped. */
    static Map<String, List<Sample>> parse(String text) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            try {
                samples.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                        .add(new Sample(labels, Double.parseDouble(m.group(4))));
            } catch (NumberFormatException ignored) {
                // NaN spelled otherwise, or a timestamp we do not read: leave it out
            }
        }
        return samples;
    }

    static String render(String root, boolean healthy, String healthLine, Map<String, List<Sample>> m) {
        StringBuilder out = new StringBuilder();
        String version = m.getOrDefault("assemblybot_build_info", List.of()).stream()
                .map(s -> s.labels().getOrDefault("version", "?")).findFirst().orElse("?");
        out.append("assembly-bot ").append(version).append(" at ").append(root).append(" — ")
                .append(healthy ? "healthy" : "UNHEALTHY").append(": ").append(healthLine).append('\n');
        row(out, "sync lag", m.containsKey("assemblybot_sync_lag_seconds")
                ? String.format(Locale.ROOT, "%.1f s", sum(m, "assemblybot_sync_lag_seconds")) : "no sync yet");
        row(out, "events handled", byLabel(m, "assemblybot_events_handled_total", "kind"));
        row(out, "sent", byLabel(m, "assemblybot_outbox_sent_total", "kind") + "; "
                + count(sum(m, "assemblybot_outbox_send_failures_total")) + " failed attempts, "
                + count(sum(m, "assemblybot_outbox_dropped_total")) + " dropped");
        row(out, "outbox", count(sum(m, "assemblybot_outbox_depth")) + " waiting, oldest "
                + String.format(Locale.ROOT, "%.0f s", sum(m, "assemblybot_outbox_oldest_age_seconds")));
        row(out, "homeserver", count(sum(m, "assemblybot_rate_limited_total")) + " rate limited (429), "
                + count(sum(m, "assemblybot_undecryptable_events_total")) + " undecryptable events");
        row(out, "scheduled steps", byLabel(m, "assemblybot_schedule_steps_total", "outcome"));
        List<Sample> go = m.getOrDefault("assemblybot_go_lateness_seconds", List.of());
        row(out, "last GO lateness", go.isEmpty() ? "no GO yet" : String.join(", ", go.stream()
                .map(s -> s.labels().getOrDefault("room", "?")
                        + String.format(Locale.ROOT, " %+d ms", Math.round(s.value() * 1000))).toList()));
        double used = m.getOrDefault("jvm_memory_used_bytes", List.of()).stream()
                .filter(s -> "heap".equals(s.labels().get("area"))).mapToDouble(Sample::value).sum();
        double max = m.getOrDefault("jvm_memory_max_bytes", List.of()).stream()
                .filter(s -> "heap".equals(s.labels().get("area"))).mapToDouble(Sample::value).sum();
        row(out, "JVM heap", String.format(Locale.ROOT, "%.0f MiB used", used / (1 << 20))
                + (max > 0 ? String.format(Locale.ROOT, " of %.0f MiB", max / (1 << 20)) : ""));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-17s %s%n", name, value));
    }

    private static double sum(Map<String, List<Sample>> m, String name) {
        return m.getOrDefault(name, List.of()).stream().mapToDouble(Sample::value).sum();
    }

    /** "57 (message 40, reaction 17)": the total and its parts by one label, largest first. */
    private static String byLabel(Map<String, List<Sample>> m, String name, String label) {
        Map<String, Double> parts = new LinkedHashMap<>();
        m.getOrDefault(name, List.of()).forEach(s -> parts.merge(s.labels().getOrDefault(label, "?"), s.value(), Double::sum));
        if (parts.isEmpty()) {
            return "0";
        }
        List<String> shown = parts.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + count(e.getValue())).toList();
        return count(parts.values().stream().mapToDouble(Double::doubleValue).sum()) + " (" + String.join(", ", shown) + ")";
    }

    private static String count(double value) {
        return Long.toString(Math.round(value));
    }
}
