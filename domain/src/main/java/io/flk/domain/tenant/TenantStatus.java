package io.flk.domain.tenant;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
