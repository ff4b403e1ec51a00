package io.flk.api.security;

/** The four roles of DESIGN.md section 7, as Spring authorities {@code ROLE_<name>}. */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";
    public static final String AUDITOR = "auditor";
    public static final String TENANT = "tenant";

    private Roles() {
    }
}
