package io.flk.domain.billing;

/**
 * The billing exports the importer reads. FOCUS files name their provider on every row; the native exports
 * belong to one provider, named as FOCUS names it ({@code ProviderName}) so that both land in the same buckets.
 */
public enum BillingFormat {

    FOCUS_1_0(Family.FOCUS, null),
    FOCUS_1_1(Family.FOCUS, null),
    FOCUS_1_2(Family.FOCUS, null),
    AWS_CUR_LEGACY(Family.AWS_CUR, "AWS"),
    AWS_CUR_2(Family.AWS_CUR, "AWS"),
    GCP_BIGQUERY_CSV(Family.GCP_BIGQUERY, "Google Cloud"),
    GCP_BIGQUERY_JSONL(Family.GCP_BIGQUERY, "Google Cloud"),
    AZURE_EA(Family.AZURE, "Microsoft"),
    AZURE_MCA(Family.AZURE, "Microsoft"),
    AZURE_PAYG(Family.AZURE, "Microsoft");

    public enum Family { FOCUS, AWS_CUR, GCP_BIGQUERY, AZURE }

    private final Family family;
    private final String provider;

    BillingFormat(Family family, String provider) {
        this.family = family;
        this.provider = provider;
    }

    public Family family() {
        return family;
    }

    /** The provider of a native export; {@code null} for FOCUS, whose rows carry their own. */
    public String provider() {
        return provider;
    }
}
