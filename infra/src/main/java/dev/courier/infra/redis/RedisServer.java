package dev.courier.infra.redis;

import dev.courier.infra.process.Await;
import dev.courier.infra.process.ChildProcess;
import dev.courier.infra.process.FreePorts;
import dev.courier.infra.process.WorkDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server on 127.0.0.1, append-only file on, data in its own directory. Stoppable
 * (SIGTERM: Redis flushes and exits), killable (SIGKILL) and restartable on the same port and data.
 */
public final class RedisServer implements RedisEndpoint, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final Set<String> FSYNC_POLICIES = Set.of("always", "everysec", "no");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final int port;
    private final Path directory;
    private final boolean deleteOnClose;
    private final String appendFsync;
    private final int aofRewritePercentage;
    private ChildProcess process;

    private RedisServer(Path binary, int port, Path directory, boolean deleteOnClose, String appendFsync, int aofRewritePercentage) {
        this.aofRewritePercentage = aofRewritePercentage;
        this.binary = binary;
        this.port = port;
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.appendFsync = appendFsync;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public Path binary() {
        return binary;
    }

    /** Starts the server on its port and data and returns once it answers PING. */
    public synchronized RedisServer start() {
        if (isRunning()) {
            throw new IllegalStateException("redis on port " + port + " is already running");
        }
        long started = System.nanoTime();
        process = ChildProcess.start("redis-" + port, List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", directory.toString(),
                "--appendonly", "yes",
                "--appendfsync", appendFsync,
                "--auto-aof-rewrite-percentage", Integer.toString(aofRewritePercentage),
                "--save", ""), directory.resolve("redis.log"));
        ChildProcess starting = process;
        Await.until("redis on port " + port, START_TIMEOUT, () -> {
            if (!starting.isAlive()) {
                throw new IllegalStateException("redis-server exited while starting\n" + starting.logTail(20));
            }
            return answersPing();
        }, () -> starting.logTail(20));
        LOG.info("redis ready uri={} binary={} startMillis={}", uri(), binary, (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** SIGTERM: Redis writes the append-only file out and exits. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** SIGKILL: whatever was not yet fsynced is lost, as in a crash. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's process id while it runs, for measuring what it uses; -1 when stopped. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            WorkDirectory.delete(directory);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** Settings of a server to start. */
    public static final class Builder {
        private Path directory;
        private String appendFsync = "everysec";
        private int aofRewritePercentage = 100;
        private int port;

        private Builder() {
        }

        /** Keep the data here, and keep it after close; by default a temp directory deleted on close. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** {@code appendfsync} policy: always, everysec (default) or no. */
        public Builder appendFsync(String policy) {
            String normalized = policy.toLowerCase(Locale.ROOT);
            if (!FSYNC_POLICIES.contains(normalized)) {
                throw new IllegalArgumentException("appendfsync must be one of " + FSYNC_POLICIES + ", was " + policy);
            }
            this.appendFsync = normalized;
            return this;
        }

        /**
         * {@code auto-aof-rewrite-percentage}: how much the append-only file grows before Redis
         * rewrites it in a child process (100, Redis's default); 0 never rewrites it.
         */
        public Builder aofRewritePercentage(int percentage) {
            if (percentage < 0) {
                throw new IllegalArgumentException("auto-aof-rewrite-percentage must be 0 or more, was " + percentage);
            }
            this.aofRewritePercentage = percentage;
            return this;
        }

        /** A fixed port; by default a free one. */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public RedisServer start() {
            boolean temporary = directory == null;
            Path dir = temporary ? WorkDirectory.createTemp("redis-") : directory;
            int chosen = port != 0 ? port : temporary ? FreePorts.next() : KeptPort.reuseOrPick(dir);
            RedisServer server = new RedisServer(RedisBinary.locate(), chosen, dir, temporary, appendFsync, aofRewritePercentage);
            try {
                return server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
