package dev.courier.gateway.http;

import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.command.CommandCodecs;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.route.RouteTable;
import dev.courier.gateway.store.RequestStore;
import dev.courier.schemas.kafka.ReplyTo;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every event loop's request handlers share: thread-safe parts only.
 *
 * @param replyTo this instance's reply address (topic and leased partition)
 * @param replyPartitionHeld whether the lease is valid now: without it, no synchronous request is taken
 * @param draining whether shutdown has begun: the edge then answers every new request 503
 * @param lagAdmission refuses synchronous requests the consumers could not answer in time
 * @param refusals counts what admission refused
 */
public record RequestPath(RouteTable routes, BearerAuth auth, CommandMapper mapper, CommandCodecs codecs,
                          RequestStore store, CommandPublisher publisher, Responder responder,
                          Supplier<ReplyTo> replyTo, BooleanSupplier replyPartitionHeld, BooleanSupplier draining,
                          int maxPending, LagAdmission lagAdmission, AdmissionRefusals refusals) {
}
