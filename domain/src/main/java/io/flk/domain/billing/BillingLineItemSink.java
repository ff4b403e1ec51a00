package io.flk.domain.billing;

/** Where a parser hands each line item, with the 1-based line of the file it came from. */
@FunctionalInterface
public interface BillingLineItemSink {

    void accept(long line, BillingLineItem item);
}
