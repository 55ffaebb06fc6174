package dev.courier.gateway.config;

import java.time.Duration;

/**
 * Admission by consumer lag: whether synchronous requests the consumers could not answer in time are
 * refused at once, how often the lag is read, and how long a partition may go without a consumer
 * (a rebalance, a restart) before requests to it are refused.
 */
public record AdmissionSettings(boolean lagEnabled, Duration lagInterval, Duration noConsumerGrace) {
}
