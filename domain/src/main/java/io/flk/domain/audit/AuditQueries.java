package io.flk.domain.audit;

public final class AuditQueries {

    private AuditQueries() {
    }

    public record VerifyAuditChain() {
    }

    /**
     * The outcome of recomputing the chain from the stored events.
     *
     * @param firstBrokenGlobalIndex global index of the first link whose recomputed hash differs, or null
     * @param unchainedEvents        stored events not (yet) in the chain; a lagging projection, not a break
     */
    public record AuditChainVerification(boolean intact, long checkedLinks, Long firstBrokenChainPosition,
                                         Long firstBrokenGlobalIndex, String reason, long unchainedEvents,
                                         String lastHash) {
    }
}
