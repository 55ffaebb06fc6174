/**
 * Courier's contract: the Avro messages that travel on Kafka, how they are encoded, the headers
 * that go with them and the topics they travel on. Other teams read this package first.
 *
 * <ul>
 *   <li>{@link dev.courier.schemas.Messages}: which message types may travel together on a topic;
 *   <li>{@link dev.courier.schemas.codec}: Avro single-object encoding backed by every released schema version;
 *   <li>{@link dev.courier.schemas.json}: JSON bodies to Avro records and back, with field-level errors;
 *   <li>{@link dev.courier.schemas.kafka}: header names, the reply-to address, serializers;
 *   <li>{@link dev.courier.schemas.topic}: every topic as a typed descriptor.
 * </ul>
 */
package dev.courier.schemas;
