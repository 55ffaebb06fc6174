package dev.courier.auth;

import java.util.List;

/** RFC 6750 section 3: the WWW-Authenticate values for each way a request can fail authentication. */
public final class BearerChallenge {

    private static final String REALM = "courier";

    private BearerChallenge() {
    }

    public static String missing() {
        return "Bearer realm=\"" + REALM + "\"";
    }

    public static String rejected(Authentication.Rejected rejected) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + rejected.error() + "\", error_description=\""
                + quotable(rejected.description()) + "\"";
    }

    public static String insufficientScope(List<String> required) {
        return "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + String.join(" ", required) + "\"";
    }

    // error_description allows %x20-21 / %x23-5B / %x5D-7E only.
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        text.chars().limit(200).forEach(c -> out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '\''));
        return out.toString();
    }
}
