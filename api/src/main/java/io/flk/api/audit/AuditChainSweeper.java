package io.flk.api.audit;

import io.flk.projections.audit.AuditChainProjection;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain grows when the audit-chain processor is handed an event. Events that waited behind a rolled-back
 * insert's hole can only be chained once the hole settles, and if no event follows by then nothing would hand
 * them over: this sweep chains them within one interval of settling, a transaction per read.
 */
@Component
public class AuditChainSweeper {

    private final AuditChainProjection chain;
    private final TransactionTemplate transaction;

    public AuditChainSweeper(AuditChainProjection chain, PlatformTransactionManager transactions) {
        this.chain = chain;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${flk.audit.chain-sweep-interval:PT10S}",
            initialDelayString = "${flk.audit.chain-sweep-interval:PT10S}")
    public void chainSettledEvents() {
        int chained;
        do {
            chained = transaction.execute(status -> chain.chainSettledEvents());
        } while (chained > 0);
    }
}
