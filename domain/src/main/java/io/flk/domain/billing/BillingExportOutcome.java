package io.flk.domain.billing;

/** What importing one file did to one billing export. */
public enum BillingExportOutcome {
    /** The first file for this provider, account and period. */
    IMPORTED,
    /** A corrected export: it is now the current file and the earlier one no longer counts. */
    SUPERSEDED_EARLIER,
    /** This very file (same SHA-256) was imported before; nothing changed. */
    ALREADY_IMPORTED
}
