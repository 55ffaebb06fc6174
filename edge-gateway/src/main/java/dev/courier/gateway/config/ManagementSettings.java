package dev.courier.gateway.config;

/**
 * The gateway's management listener ({@code /metrics}, {@code /health/live}, {@code /health/ready}),
 * apart from the port clients use, so metrics are never exposed where the API is.
 *
 * @param port 0 picks a free one
 */
public record ManagementSettings(String host, int port) {
}
