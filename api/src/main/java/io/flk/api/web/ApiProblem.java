package io.flk.api.web;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the problem type code and the field to blame (or null). */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiProblem(HttpStatus status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", what + " was not found", null);
    }

    public static ApiProblem forbidden(String detail, String field) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", detail, field);
    }

    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-field", detail, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
