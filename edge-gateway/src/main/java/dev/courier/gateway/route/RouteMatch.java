package dev.courier.gateway.route;

import java.util.Map;
import java.util.SortedSet;

/** The outcome of looking a request up in the route table. */
public sealed interface RouteMatch {

    record Found(Route route, Map<String, String> pathParameters) implements RouteMatch {
        public Found {
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    /** No route has this host and path. */
    record NotFound() implements RouteMatch {
    }

    /** Routes have this host and path, but none this method. */
    record MethodNotAllowed(SortedSet<String> allowed) implements RouteMatch {
    }
}
