package dev.courier.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each process of the stack spends while it is loaded, per request: CPU time from /proc (so a
 * change's cost shows even when latency is noisy), and the commands Redis ran.
 */
final class StackUsage {

    /** The counters at one moment. */
    record Snapshot(Map<String, Long> cpuMillis, Map<String, Long> redisCalls) {
    }

    /** The name of this process, the load generator: watched, but not part of the stack's total. */
    static final String LOAD_GENERATOR = "load generator";

    private final Map<String, Long> pids;
    private final String redisHost;
    private final int redisPort;

    /** @param pids the processes to watch, by the name to print, in the order to print them */
    StackUsage(Map<String, Long> pids, String redisHost, int redisPort) {
        this.pids = new LinkedHashMap<>(pids);
        this.redisHost = redisHost;
        this.redisPort = redisPort;
    }

    Snapshot now() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, ProcessUsage.cpuMillis(pid)));
        return new Snapshot(cpu, RedisCommands.count(redisHost, redisPort));
    }

    /** What one request cost each process, the stack as a whole (the load generator aside), and Redis in commands. */
    record PerRequest(Map<String, Double> cpuMicros, double stackMicros, Map<String, Double> redisCommands) {

        @Override
        public String toString() {
            String cpu = cpuMicros.entrySet().stream().map(entry -> String.format(Locale.ROOT, "%s %.0f", entry.getKey(), entry.getValue()))
                    .collect(Collectors.joining(", "));
            String redis = redisCommands.entrySet().stream()
                    .map(entry -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue())).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "CPU µs/request: %s; stack %.0f | Redis commands/request: %s", cpu, stackMicros, redis);
        }
    }

    /** Since {@code before}, per request. */
    PerRequest perRequest(Snapshot before, long requests) {
        Snapshot after = now();
        Map<String, Double> micros = new LinkedHashMap<>();
        pids.keySet().forEach(name -> micros.put(name, (after.cpuMillis().get(name) - before.cpuMillis().get(name)) * 1000.0 / Math.max(1, requests)));
        double stack = micros.entrySet().stream().filter(entry -> !entry.getKey().equals(LOAD_GENERATOR)).mapToDouble(Map.Entry::getValue).sum();
        Map<String, Double> redis = RedisCommands.perRequest(before.redisCalls(), after.redisCalls(), requests);
        redis.remove("info");
        return new PerRequest(micros, stack, redis);
    }
}
