package dev.courier.gateway.route;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** The routes in match order: most specific host first, then the file's order. */
public final class RouteTable {

    private final List<Route> routes;
    private final SortedSet<String> scopes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route route) -> route.host().specificity()).reversed())
                .toList();
        this.scopes = Collections.unmodifiableSortedSet(new TreeSet<>(routes.stream().flatMap(route -> route.scopes().stream()).toList()));
    }

    /** Every scope some route asks for, in order. */
    public SortedSet<String> scopes() {
        return scopes;
    }

    public RouteMatch match(String host, String method, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        int matchedSpecificity = -1;
        for (Route route : routes) {
            if (!route.host().matches(host)) {
                continue;
            }
            if (matchedSpecificity > route.host().specificity()) {
                break; // a more specific host already owns this path
            }
            Optional<Map<String, String>> parameters = route.path().match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            matchedSpecificity = route.host().specificity();
            if (route.method().equals(method)) {
                return new RouteMatch.Found(route, parameters.get());
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(allowed);
    }

    public Optional<Route> named(String name) {
        return routes.stream().filter(route -> route.name().equals(name)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
