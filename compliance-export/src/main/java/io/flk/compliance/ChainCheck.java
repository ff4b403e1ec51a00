package io.flk.compliance;

import io.flk.domain.audit.AuditChainRecipe;
import java.util.Objects;

/**
 * Checks links one at a time in chain_position order, holding only the previous hash: memory stays
 * constant however long the chain is. The first problem found is the verdict; later links are not judged,
 * because once one link is broken every hash after it is unverifiable anyway.
 */
final class ChainCheck {

    private long verifiedLinks;
    private String lastHash = AuditChainRecipe.GENESIS_HASH;
    private Broken broken;

    /** Where and why the chain first stopped matching the events. */
    record Broken(long chainPosition, long globalIndex, String reason) {
    }

    /** Judges the next link; {@code event} is null when no stored event has the link's global_index. */
    void accept(ChainLink link, StoredEvent event) {
        if (broken != null) {
            return;
        }
        String problem = problemWith(link, event);
        if (problem != null) {
            broken = new Broken(link.chainPosition(), link.globalIndex(), problem);
            return;
        }
        lastHash = link.hash();
        verifiedLinks++;
    }

    long verifiedLinks() {
        return verifiedLinks;
    }

    /** The hash of the last verified link; the genesis hash while none is. */
    String lastHash() {
        return lastHash;
    }

    Broken broken() {
        return broken;
    }

    private String problemWith(ChainLink link, StoredEvent event) {
        long expectedPosition = verifiedLinks + 1;
        if (link.chainPosition() > expectedPosition) {
            return "chain_position " + expectedPosition + " is missing";
        }
        if (link.chainPosition() < expectedPosition) {
            return "chain_position " + link.chainPosition() + " is out of sequence (expected "
                    + expectedPosition + ")";
        }
        if (!lastHash.equals(link.prevHash())) {
            return "prev_hash does not match the hash of the previous link";
        }
        if (event == null) {
            return "the stored event is missing";
        }
        String storedPayloadSha256 = AuditChainRecipe.payloadSha256(event.payload());
        if (!storedPayloadSha256.equals(link.payloadSha256())) {
            return "the stored payload differs from the payload that was chained";
        }
        String metadata = differingMetadata(link, event);
        if (metadata != null) {
            return "the stored event's " + metadata + " differs from what was chained";
        }
        String recomputed = AuditChainRecipe.linkHash(link.prevHash(), link.globalIndex(), link.eventId(),
                link.eventType(), link.aggregateId(), link.timeStamp(), link.payloadSha256());
        if (!recomputed.equals(link.hash())) {
            return "hash does not match the recipe applied to the link's own columns";
        }
        return null;
    }

    private static String differingMetadata(ChainLink link, StoredEvent event) {
        if (!Objects.equals(event.eventIdentifier(), link.eventId())) {
            return "event_identifier";
        }
        if (!Objects.equals(event.payloadType(), link.eventType())) {
            return "payload_type";
        }
        if (!Objects.equals(event.aggregateIdentifier(), link.aggregateId())) {
            return "aggregate_identifier";
        }
        if (!Objects.equals(event.timeStamp(), link.timeStamp())) {
            return "time_stamp";
        }
        return null;
    }
}
