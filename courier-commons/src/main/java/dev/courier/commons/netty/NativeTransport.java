package dev.courier.commons.netty;

import io.netty.channel.epoll.Epoll;

/**
 * Whether Netty's native epoll transport loads here (Linux x86-64). Vert.x and Redisson use it
 * when it does, and Java NIO otherwise: it wakes a thread with fewer system calls, which on a
 * small machine is a good part of what a request costs at a few thousand a second.
 */
public final class NativeTransport {

    private NativeTransport() {
    }

    public static boolean available() {
        return Epoll.isAvailable();
    }

    /** Why the native transport is not used, for the start-up log; empty when it is. */
    public static String unavailableReason() {
        Throwable cause = Epoll.unavailabilityCause();
        return cause == null ? "" : cause.toString();
    }
}
