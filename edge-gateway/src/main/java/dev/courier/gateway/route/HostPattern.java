package dev.courier.gateway.route;

import java.util.Locale;
import java.util.regex.Pattern;

/** A host a route answers for: any host, an exact name, or {@code *.example.com} (any subdomain, not the apex). */
public record HostPattern(String pattern) {

    public static final HostPattern ANY = new HostPattern(null);

    private static final Pattern NAME = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public HostPattern {
        if (pattern != null) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            if (!NAME.matcher(pattern).matches()) {
                throw new IllegalArgumentException("must be a host name or *.domain, was '" + pattern + "'");
            }
        }
    }

    /** Whether the request's host (a {@code Host} header, port already removed) matches. */
    public boolean matches(String host) {
        if (pattern == null) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            return name.endsWith(suffix) && name.length() > suffix.length();
        }
        return name.equals(pattern);
    }

    /** Exact hosts win over wildcards, and both over "any host". */
    int specificity() {
        return pattern == null ? 0 : pattern.startsWith("*.") ? 1 : 2;
    }

    @Override
    public String toString() {
        return pattern == null ? "*" : pattern;
    }
}
