package io.flk.commands.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.flk.domain.billing.BillingCommands.ImportBillingExport;
import io.flk.domain.billing.BillingExportEvent.BillingExportImported;
import io.flk.domain.billing.BillingExportEvent.BillingExportSuperseded;
import io.flk.domain.billing.BillingExportId;
import io.flk.domain.billing.BillingExportOutcome;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One provider's bill for one billing account and period, whose versions are imported files. The same file
 * again changes nothing; another file for the same bill is a corrected export and supersedes the current one.
 */
@Aggregate
public class BillingExport {

    static final String CORRECTED = "a corrected export for the same provider, billing account and period";

    @AggregateIdentifier
    private BillingExportId exportId;
    private String currentFile;
    private final Set<String> importedFiles = new HashSet<>();

    protected BillingExport() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BillingExportOutcome handle(ImportBillingExport command) {
        if (importedFiles.contains(command.fileSha256())) {
            return BillingExportOutcome.ALREADY_IMPORTED;
        }
        String earlier = currentFile;
        apply(new BillingExportImported(command.exportId(), command.fileSha256(), command.format(), command.rows(),
                command.totals(), command.importedBy(), command.at()));
        if (earlier == null) {
            return BillingExportOutcome.IMPORTED;
        }
        apply(new BillingExportSuperseded(command.exportId(), command.fileSha256(), earlier, CORRECTED,
                command.importedBy(), command.at()));
        return BillingExportOutcome.SUPERSEDED_EARLIER;
    }

    @EventSourcingHandler
    void on(BillingExportImported event) {
        exportId = event.exportId();
        importedFiles.add(event.fileSha256());
        currentFile = event.fileSha256();
    }
}
