/**
 * Real infrastructure for dev runs and tests, bound to 127.0.0.1 on free ports, with no Docker:
 * a KRaft Kafka cluster ({@link dev.courier.infra.kafka.KafkaCluster}) from the Kafka artifacts on
 * Maven Central and a Redis server ({@link dev.courier.infra.redis.RedisServer}). Tests get them
 * through the JUnit 5 extensions in {@link dev.courier.infra.junit}.
 */
package dev.courier.infra;
