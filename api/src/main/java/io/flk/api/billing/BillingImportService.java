package io.flk.api.billing;

import io.flk.commands.billing.BillingFileParser;
import io.flk.commands.billing.BillingFileParser.ParseResult;
import io.flk.commands.billing.BillingImportTotals;
import io.flk.commands.billing.BillingImportTotals.ExportTotals;
import io.flk.domain.billing.BillingCommands.ImportBillingExport;
import io.flk.domain.billing.BillingExportOutcome;
import io.flk.domain.billing.BillingFileRejected;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingImportQueries.BillingImportView;
import io.flk.domain.billing.BillingImportQueries.ExportPart;
import io.flk.domain.billing.BillingImportQueries.FindBillingImport;
import io.flk.domain.billing.BillingImportQueries.PeriodTotal;
import io.flk.domain.billing.CurrencyTotal;
import io.flk.projections.billing.BillingExportProjection;
import io.flk.projections.billing.BillingLineItemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one billing file: hashes it, then in one transaction streams its rows into the line-item table and
 * records one {@code ImportBillingExport} per billing export it holds. The file is parsed on a thread of its own
 * while the caller's thread, which holds the transaction, encodes the rows and streams them to PostgreSQL. Rows and events commit together; a file
 * refused at any line leaves nothing behind. The same file twice is answered with the first import.
 */
@Service
public class BillingImportService {

    /** Where the file comes from; opened twice (hash, then parse), so never a one-shot stream. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public record ImportAnswer(boolean imported, BillingImportView view) {
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Duration EARLIER_IMPORT_WAIT = Duration.ofSeconds(10);

    private final BillingFileParser parser = new BillingFileParser();
    private final BillingLineItemWriter writer;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer duration;

    public BillingImportService(BillingLineItemWriter writer, CommandGateway commands, QueryGateway queries,
                                PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.writer = writer;
        this.commands = commands;
        this.queries = queries;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.meters = meters;
        this.duration = Timer.builder("flk.billing.import.duration").description("Time to import one billing file")
                .register(meters);
    }

    public ImportAnswer importFile(Source source, BillingFormat format, String importedBy) {
        String sha256 = sha256(source);
        if (writer.holds(sha256)) {
            return earlierImport(sha256);
        }
        Timer.Sample started = Timer.start(meters);
        try {
            ImportAnswer answer = transaction.execute(status -> store(source, format, sha256, importedBy));
            started.stop(duration);
            return answer;
        } catch (BillingFileRejected rejected) {
            Counter.builder("flk.billing.files.rejected").tag("reason", rejected.reason()).register(meters).increment();
            throw rejected;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                // The same file, imported concurrently: its first import committed while this one was writing.
                return earlierImport(sha256);
            }
            throw e;
        }
    }

    private ImportAnswer store(Source source, BillingFormat format, String sha256, String importedBy) {
        BillingImportTotals totals = new BillingImportTotals();
        ParseResult[] parsed = new ParseResult[1];
        try (ParsingThread parsing = new ParsingThread(source, format, parser)) {
            // totals on this thread, not the parser's: parsing is the longer of the two stages
            writer.copy(sha256, sink -> parsed[0] = parsing.drainInto((line, item) -> {
                totals.add(item);
                sink.accept(line, item);
            }));
        }
        // PostgreSQL keeps microseconds: the answer now must equal the import as read back later.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ExportPart> parts = new ArrayList<>();
        for (ExportTotals export : totals.exports()) {
            BillingExportOutcome outcome = commands.sendAndWait(new ImportBillingExport(export.exportId(), sha256,
                    parsed[0].format(), export.rows(), export.totals(), importedBy, at));
            if (outcome == BillingExportOutcome.ALREADY_IMPORTED) {
                throw new IllegalStateException("export " + export.exportId() + " knows file " + sha256
                        + " whose rows were not stored");
            }
            parts.add(new ExportPart(export.exportId().provider(), export.exportId().billingAccountId(),
                    export.exportId().billingPeriod(), export.rows(), null));
            Counter.builder("flk.billing.rows.imported").tag("provider", export.exportId().provider())
                    .register(meters).increment(export.rows());
            Counter.builder("flk.billing.exports.imported").tag("outcome", outcome.name().toLowerCase())
                    .register(meters).increment();
        }
        return new ImportAnswer(true, new BillingImportView(sha256, parsed[0].format(), importedBy, at,
                parsed[0].rows(), periodTotals(totals), parts));
    }

    /** The projection may trail the commit that stored the rows by a moment. */
    private ImportAnswer earlierImport(String sha256) {
        Instant deadline = clock.instant().plus(EARLIER_IMPORT_WAIT);
        while (true) {
            Optional<BillingImportView> view = queries.query(new FindBillingImport(sha256),
                    ResponseTypes.optionalInstanceOf(BillingImportView.class)).join();
            if (view.isPresent()) {
                return new ImportAnswer(false, view.get());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("file " + sha256 + " is stored but its import is not visible");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<PeriodTotal> periodTotals(BillingImportTotals totals) {
        Map<String, PeriodTotal> perPeriod = new TreeMap<>();
        for (ExportTotals export : totals.exports()) {
            for (CurrencyTotal total : export.totals()) {
                String period = export.exportId().billingPeriod();
                perPeriod.merge(period + total.currency(),
                        new PeriodTotal(period, total.currency(), total.billedCost(), total.effectiveCost(),
                                total.listCost()),
                        (a, b) -> new PeriodTotal(period, a.currency(), a.billedCost().add(b.billedCost()),
                                a.effectiveCost().add(b.effectiveCost()), a.listCost().add(b.listCost())));
            }
        }
        return perPeriod.values().stream().map(total -> new PeriodTotal(total.billingPeriod(), total.currency(),
                BillingExportProjection.plain(total.billedCost()), BillingExportProjection.plain(total.effectiveCost()),
                BillingExportProjection.plain(total.listCost()))).toList();
    }

    private static String sha256(Source source) {
        try (InputStream in = source.open()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
