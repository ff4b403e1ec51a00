package io.flk.api.cost;

import io.flk.domain.cost.ImportedCostQueries.FetchImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCosts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Stands in for the billing importers' query handler in the API tests until their read model is merged:
 * tests add the imported lines they reconcile against (each test uses its own tenant and days).
 */
@Component
public class ImportedCostsStub {

    static final List<ImportedDailyCost> LINES = new CopyOnWriteArrayList<>();

    @QueryHandler
    public ImportedDailyCosts handle(FetchImportedDailyCost query) {
        return new ImportedDailyCosts(LINES.stream()
                .filter(line -> !line.day().isBefore(query.from()) && line.day().isBefore(query.to()))
                .toList());
    }
}
