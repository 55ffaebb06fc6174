package dev.courier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What another process on this machine uses, from Linux's /proc: CPU time and resident memory. */
final class ProcessUsage {

    private ProcessUsage() {
    }

    /**
     * User plus system CPU time of a process so far, with that of its children that ended (clock
     * ticks of 10 ms): Redis rewrites its append-only file in a child process, a core's worth for
     * seconds at a time under load, and that is Redis's cost too.
     */
    static long cpuMillis(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10;
    }

    /** Resident memory now and at its peak, as the kernel reports them. */
    static String memory(long pid) {
        Map<String, String> status = new TreeMap<>();
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                status.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return "RSS " + status.get("VmRSS") + " (peak " + status.get("VmHWM") + ")";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
