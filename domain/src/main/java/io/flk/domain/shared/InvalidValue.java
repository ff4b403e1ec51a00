package io.flk.domain.shared;

/** A value that a domain type refuses, naming the field so that the API can point at it. */
public class InvalidValue extends IllegalArgumentException {

    private final String field;

    public InvalidValue(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
