package dev.courier.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.junit.InfraExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

@ExtendWith(InfraExtension.class)
class RedisServerIT {

    @Test
    void shouldLetRedissonWriteAndReadRealRedis(RedisEndpoint redis) {
        // given
        RedissonClient client = connect(redis);
        try {
            RMap<String, String> map = client.getMap("infra-test:post:1", StringCodec.INSTANCE);

            // when
            map.put("title", "Hello");

            // then
            RedissonClient other = connect(redis);
            try {
                assertThat(other.<String, String>getMap("infra-test:post:1", StringCodec.INSTANCE).get("title")).isEqualTo("Hello");
            } finally {
                other.shutdown();
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void shouldKeepDataWhenStoppedAndRestartedOnSameDirectory(@TempDir Path directory) {
        try (RedisServer server = RedisServer.builder().directory(directory).start()) {
            // given
            write(server, "restart:key", "kept");

            // when
            server.stop();
            server.start();

            // then
            assertThat(read(server, "restart:key")).isEqualTo("kept");
        }
    }

    @Test
    void shouldKeepFsyncedDataWhenKilledWithSigkill(@TempDir Path directory) {
        try (RedisServer server = RedisServer.builder().directory(directory).appendFsync("always").start()) {
            // given
            write(server, "kill:key", "survives");

            // when
            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();

            // then
            assertThat(read(server, "kill:key")).isEqualTo("survives");
        }
    }

    @Test
    void shouldDeleteItsTemporaryDirectoryWhenClosed() {
        // given
        RedisServer server = RedisServer.builder().start();
        Path directory = server.directory();

        // when
        server.close();

        // then
        assertThat(server.isRunning()).isFalse();
        assertThat(Files.exists(directory)).isFalse();
    }

    private static void write(RedisEndpoint redis, String key, String value) {
        RedissonClient client = connect(redis);
        try {
            client.<String>getBucket(key, StringCodec.INSTANCE).set(value);
        } finally {
            client.shutdown();
        }
    }

    private static String read(RedisEndpoint redis, String key) {
        RedissonClient client = connect(redis);
        try {
            return client.<String>getBucket(key, StringCodec.INSTANCE).get();
        } finally {
            client.shutdown();
        }
    }

    private static RedissonClient connect(RedisEndpoint redis) {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress(redis.uri()).setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
        return Redisson.create(config);
    }
}
