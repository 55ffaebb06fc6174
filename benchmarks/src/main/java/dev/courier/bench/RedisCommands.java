package dev.courier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many commands of each kind a Redis server has run, from its own {@code INFO commandstats}. */
final class RedisCommands {

    private static final Pattern STAT = Pattern.compile("cmdstat_([a-z|_-]+):calls=(\\d+)");

    private RedisCommands() {
    }

    static Map<String, Long> count(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = line(in);
            if (!header.startsWith("$")) {
                throw new IllegalStateException("unexpected answer to INFO: " + header);
            }
            String body = new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.US_ASCII);
            Map<String, Long> calls = new TreeMap<>();
            Matcher matcher = STAT.matcher(body);
            while (matcher.find()) {
                calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commands run between two counts, by kind, per request; only the kinds that ran. */
    static Map<String, Double> perRequest(Map<String, Long> before, Map<String, Long> after, long requests) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((command, calls) -> {
            long ran = calls - before.getOrDefault(command, 0L);
            if (ran > 0) {
                per.put(command, ran / (double) Math.max(1, requests));
            }
        });
        return per;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
