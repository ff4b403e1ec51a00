package io.flk.domain.shared;

/**
 * A command that is well formed but breaks a rule of the domain (resolving twice, assigning a closed
 * escalation). The API answers it with 409 and the stable {@link #code()} as the problem type.
 */
public class BusinessRuleViolation extends RuntimeException {

    private final String code;

    public BusinessRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
