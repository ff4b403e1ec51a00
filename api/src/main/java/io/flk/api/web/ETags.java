package io.flk.api.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ETag = aggregate version; {@code If-Match} carries the version an update expects. */
public final class ETags {

    public static final String IF_MATCH = "If-Match";
    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The expected version, or null when the header is absent or {@code *} (any version). */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw ApiProblem.invalid(IF_MATCH, "If-Match must be an ETag this API issued, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
