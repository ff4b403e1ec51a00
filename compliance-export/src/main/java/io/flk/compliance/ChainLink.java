package io.flk.compliance;

/** One row of {@code audit_chain}, as stored. */
record ChainLink(long chainPosition, long globalIndex, String eventId, String eventType, String aggregateId,
                 String timeStamp, String payloadSha256, String prevHash, String hash) {
}
