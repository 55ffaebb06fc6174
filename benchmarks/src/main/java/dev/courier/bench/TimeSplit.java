package dev.courier.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the slowest requests of a run spent their time. From each answer's {@code Server-Timing}:
 * waiting for the reply, in the gateway itself, and outside both (the client, the sockets, the
 * gateway's loop before it read the request). From the command's and the reply's record
 * timestamps: the reply wait cut at Kafka, into request to command written (the gateway), command
 * to reply written (Kafka's delivery, the service, Redis) and reply to answer (Kafka's delivery
 * back, the gateway's reply consumer and loop, the client). The slowest 1% beside the middle of the
 * run tells which part makes the tail.
 */
final class TimeSplit {

    private static final Pattern DURATION = Pattern.compile("(gateway|reply);dur=([0-9.]+)");

    /** One answered request: ms in all, in the gateway, waiting for the reply; when it was sent and answered (epoch ms). */
    private record Split(String requestId, double total, double gateway, double reply, long sentAt, long answeredAt) {
    }

    private final List<Split> splits = new ArrayList<>();

    /** Records one answer; an answer without the gateway's timing is left out. */
    synchronized void record(String requestId, long totalNanos, String serverTiming) {
        if (serverTiming == null) {
            return;
        }
        double gateway = -1;
        double reply = 0;
        Matcher matcher = DURATION.matcher(serverTiming);
        while (matcher.find()) {
            double millis = Double.parseDouble(matcher.group(2));
            if (matcher.group(1).equals("gateway")) {
                gateway = millis;
            } else {
                reply = millis;
            }
        }
        if (gateway >= 0) {
            long answeredAt = System.currentTimeMillis();
            splits.add(new Split(requestId, totalNanos / 1e6, gateway, reply, answeredAt - totalNanos / 1_000_000, answeredAt));
        }
    }

    synchronized void clear() {
        splits.clear();
    }

    /**
     * The mean split of the slowest 1% and of the middle 10% (45th to 55th percentile), in ms.
     *
     * @param commands when each request's command was written, by request id
     * @param replies when each request's reply was written, by request id
     */
    synchronized String summary(Map<String, Long> commands, Map<String, Long> replies) {
        if (splits.size() < 100) {
            return "too few answers to split";
        }
        List<Split> sorted = new ArrayList<>(splits);
        sorted.sort(Comparator.comparingDouble(Split::total));
        int n = sorted.size();
        return "where the time went, ms (mean): slowest 1% " + mean(sorted.subList(n - n / 100, n), commands, replies)
                + System.lineSeparator() + "         middle 10% " + mean(sorted.subList(n * 45 / 100, n * 55 / 100), commands, replies);
    }

    private static String mean(List<Split> band, Map<String, Long> commands, Map<String, Long> replies) {
        List<Split> timed = band.stream().filter(split -> commands.containsKey(split.requestId()) && replies.containsKey(split.requestId())).toList();
        return String.format(Locale.ROOT, "total %.1f = reply wait %.1f + gateway %.1f + outside %.1f | request to command %.1f,"
                        + " command to reply %.1f, reply to answer %.1f (%d of %d by record timestamps)",
                average(band, Split::total), average(band, Split::reply), average(band, Split::gateway),
                average(band, split -> split.total() - split.reply() - split.gateway()),
                average(timed, split -> commands.get(split.requestId()) - split.sentAt()),
                average(timed, split -> replies.get(split.requestId()) - commands.get(split.requestId())),
                average(timed, split -> split.answeredAt() - replies.get(split.requestId())), timed.size(), band.size());
    }

    private static double average(List<Split> band, ToDoubleFunction<Split> part) {
        return band.stream().mapToDouble(part).average().orElse(Double.NaN);
    }
}
