package dev.courier.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Ports on 127.0.0.1 that nothing listens on right now. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Whether nothing listens on the port right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first of {@code count} consecutive free ports, for a launcher that puts its processes on
     * the ports after the first. Taken below 32768, where Linux hands out no ephemeral ports, so an
     * outgoing connection cannot take one of them between this check and the bind.
     */
    public static int consecutive(int count) {
        int start = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
        for (int base = start; base < 32_768 - count; base += count) {
            int first = base;
            if (IntStream.range(0, count).allMatch(offset -> isFree(first + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1 from " + start);
    }

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
