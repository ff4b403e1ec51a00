package io.flk.compliance;

/** The columns of a {@code domain_event_entry} row that the chain covers. */
record StoredEvent(String eventIdentifier, String payloadType, String aggregateIdentifier, String timeStamp,
                   byte[] payload) {
}
