package io.flk.domain.shared;

import java.util.regex.Pattern;

/** Shared checks for identifier value records: ids arrive from HTTP and end up in SQL and logs. */
public final class Ids {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern EXTERNAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private Ids() {
    }

    /** Lower-case slug of 2 to 63 characters, for ids people choose (tenants). */
    public static String requireSlug(String value, String what) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new InvalidValue(what, what + " must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return value;
    }

    /** Id chosen by a caller system (task ids): 1 to 128 characters of letters, digits and . _ : -. */
    public static String requireExternal(String value, String what) {
        if (value == null || !EXTERNAL.matcher(value).matches()) {
            throw new InvalidValue(what, what + " must be 1-128 characters of letters, digits and . _ : -");
        }
        return value;
    }
}
