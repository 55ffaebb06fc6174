package dev.courier.gateway.path;

/**
 * Why admission turned a request away: answered 503 with {@code Retry-After} and counted by type.
 *
 * @param type the problem type and the {@code reason} label of {@code courier_admission_refusals_total}
 */
public record Refusal(String type, String title, String detail, long retryAfterSeconds) {
}
