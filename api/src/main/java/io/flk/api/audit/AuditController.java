package io.flk.api.audit;

import io.flk.domain.audit.AuditQueries.AuditChainVerification;
import io.flk.domain.audit.AuditQueries.VerifyAuditChain;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final QueryGateway queries;

    public AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Recomputes the hash chain from the stored events and names the first broken link, if any. */
    @GetMapping("/chain/verify")
    @PreAuthorize("hasRole('auditor')")
    public AuditChainVerification verify() {
        return queries.query(new VerifyAuditChain(), AuditChainVerification.class).join();
    }
}
