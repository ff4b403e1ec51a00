package io.flk.domain.billing;

/**
 * A billing file the importer refuses as a whole. {@code line} is 1-based (the header is line 1; 0 when the
 * problem is the file itself), {@code column} the column or field to blame, or null.
 */
public class BillingFileRejected extends RuntimeException {

    private final String reason;
    private final long line;
    private final String column;

    public BillingFileRejected(String reason, long line, String column, String message) {
        super(message);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** Stable code of the kind of problem, e.g. {@code missing-columns}; the API uses it as problem type. */
    public String reason() {
        return reason;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }
}
