package io.flk.benchmarks;

import static io.flk.db.Tables.BILLING_LINE_ITEM;

import io.flk.api.billing.BillingImportService;
import io.flk.api.billing.BillingImportService.ImportAnswer;
import io.flk.benchmarks.support.ApplicationUnderTest;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.benchmarks.support.CpuProbe;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.commands.billing.BillingFileParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;

/**
 * Billing import rate against parse-only rate of the same generated FOCUS file, in one run, at 250k, 500k and 1M
 * rows. Parse-only reads the file through {@link BillingFileParser} into a counting sink. Import is the
 * application's {@link BillingImportService}: SHA-256 pass, parse, COPY into {@code billing_line_item} and the
 * {@code ImportBillingExport} commands, in one transaction on a durable embedded PostgreSQL. Memory: the largest
 * heap in use right after a garbage collection during the phase (the live set; flat means it does not grow with
 * the file), and the peak heap in use including garbage.
 *
 * <p>Options: {@code bench.rows} (250000,500000,1000000), {@code bench.data-root}, {@code benchmarks.file}.
 */
public final class BillingImportBenchmark {

    static final double TARGET_RATIO = 0.5;
    private static final String HEADER = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,"
            + "BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,"
            + "ChargePeriodStart,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,"
            + "ProviderName,PublisherName,ServiceCategory,ServiceName,ResourceId,Tags";
    private static final String[] SERVICES = {"Amazon Elastic Compute Cloud", "Amazon Simple Storage Service",
            "AWS Lambda", "Amazon Relational Database Service"};
    private static final String[] TENANTS = {"acme", "globex", "initech", "umbrella"};

    private BillingImportBenchmark() {
    }

    /** CPU seconds: this JVM, the PostgreSQL under test, and everything else on the machine (competing load). */
    private record Phase(long rows, double seconds, long maxLiveBytes, long peakBytes, double jvmCpu, double postgresCpu,
                         double othersCpu) {
        double rate() {
            return rows / seconds;
        }

        String cpuPerMillion() {
            return String.format("%.1f + %.1f", jvmCpu * 1e6 / rows, postgresCpu * 1e6 / rows);
        }

        String competing() {
            return Double.isNaN(othersCpu) ? "?" : String.format("%.0f %%", 100 * othersCpu / seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } finally {
            ApplicationUnderTest.releaseStaticThreads();
        }
    }

    private static void run() throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.rows", "250000,500000,1000000").split(",")) {
            sizes.add(Long.parseLong(size.trim()));
        }
        String load = "Load average (1 min) at the start: " + QuietMachine.await(Duration.ofMinutes(1)) + ".";
        BenchmarkReport report = new BenchmarkReport("Billing import: rows/s vs parse-only, memory as the file grows");
        Path directory = Files.createTempDirectory("flk-bench-billing-");
        List<List<String>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (DurablePostgres postgres = DurablePostgres.start();
             ApplicationUnderTest application = ApplicationUnderTest.start(postgres)) {
            BillingImportService service = application.bean(BillingImportService.class);
            DSLContext dsl = application.bean(DSLContext.class);
            BillingFileParser parser = new BillingFileParser();
            long postmaster = postgres.pid();
            Path warmup = generate(directory.resolve("warmup.csv"), 100_000, "warmup");
            measure(postmaster, () -> parseOnly(parser, warmup));
            measure(postmaster, () -> service.importFile(() -> Files.newInputStream(warmup), null, "benchmark").view().rows());
            for (long size : sizes) {
                Path file = generate(directory.resolve("focus-" + size + ".csv"), size, "account-" + size);
                Phase parse = measure(postmaster, () -> parseOnly(parser, file));
                Phase imported = measure(postmaster, () -> {
                    ImportAnswer answer = service.importFile(() -> Files.newInputStream(file), null, "benchmark");
                    return answer.view().rows();
                });
                double hashSeconds = sha256Seconds(file);
                String sha = service.importFile(() -> Files.newInputStream(file), null, "benchmark").view().fileSha256();
                long stored = dsl.fetchCount(BILLING_LINE_ITEM, BILLING_LINE_ITEM.FILE_SHA256.eq(sha));
                if (parse.rows() != size || imported.rows() != size || stored != size) {
                    problems.add(String.format("%,d rows generated, %,d parsed, %,d imported, %,d stored", size,
                            parse.rows(), imported.rows(), stored));
                }
                double ratio = imported.rate() / parse.rate();
                rows.add(List.of(String.format("%,d", size), String.format("%.0f", Files.size(file) / 1e6),
                        String.format("%,.0f", parse.rate()), String.format("%,.0f", imported.rate()),
                        String.format("%.0f %%", 100 * ratio), ratio >= TARGET_RATIO ? "met" : "missed",
                        mib(parse.maxLiveBytes()) + " / " + mib(parse.peakBytes()),
                        mib(imported.maxLiveBytes()) + " / " + mib(imported.peakBytes()),
                        String.format("%.1f", parse.jvmCpu() * 1e6 / parse.rows()), imported.cpuPerMillion(),
                        parse.competing() + " / " + imported.competing(),
                        String.format("%.2f s (%.0f %%)", hashSeconds, 100 * hashSeconds / imported.seconds())));
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(directory.resolve("warmup.csv"));
            Files.deleteIfExists(directory);
        }
        report.paragraph("""
                A generated FOCUS 1.0 file (21 mandatory columns, ResourceId, Tags; one billing account per file) is
                parsed to a counting sink (parse-only), then imported through the application's BillingImportService:
                a SHA-256 pass over the file, the same parse (on a thread of its own), binary COPY of every row into
                billing_line_item and one ImportBillingExport command, in one transaction on the durable embedded PostgreSQL (fsync on). Both
                phases read the same file from the page cache; a 100k-row file is parsed and imported first to warm up
                the JIT. Target: import rate >= 50 % of the parse-only rate, memory flat as the file grows.
                Memory columns: largest heap in use right after a GC during the phase (live set) / peak heap in use
                including garbage not yet collected. CPU columns: CPU seconds per million rows of this JVM (parse-only)
                and of this JVM + the PostgreSQL server under test (import), which depend little on how busy the
                machine is; competing load: CPU used by everything else on the machine during the phase, in % of one
                core (the machine has """ + " " + Runtime.getRuntime().availableProcessors() + " cores).");
        report.paragraph(load);
        report.table(List.of("rows", "file MB", "parse-only rows/s", "import rows/s", "import / parse-only",
                "target 50 %", "parse heap after GC / peak (MiB)", "import heap after GC / peak (MiB)", "parse CPU s / 1M rows (JVM)",
                "import CPU s / 1M rows (JVM + PostgreSQL)", "competing load parse / import",
                "SHA-256 pass alone (share of import time)"), rows);
        report.paragraph(problems.isEmpty() ? "**Reconciliation:** every generated row was parsed, imported and stored."
                : "**Discrepancies:** " + String.join("; ", problems));
        report.publish();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("rows lost: " + problems);
        }
    }

    private interface Work {
        long run() throws Exception;
    }

    private static long parseOnly(BillingFileParser parser, Path file) throws IOException {
        AtomicLong count = new AtomicLong();
        try (InputStream in = Files.newInputStream(file)) {
            parser.parse(in, null, (line, item) -> count.incrementAndGet());
        }
        return count.get();
    }

    /** Runs the work while sampling heap pools every 20 ms, and accounts for the CPU it took. */
    private static Phase measure(long postmaster, Work work) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong maxLive = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                long live = heap.stream().mapToLong(pool -> pool.getCollectionUsage() == null ? 0
                        : pool.getCollectionUsage().getUsed()).sum();
                maxLive.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double machineBefore = CpuProbe.machineBusySeconds();
        double postgresBefore = CpuProbe.postgresCpuSeconds(postmaster);
        long jvmBefore = os.getProcessCpuTime();
        long began = System.nanoTime();
        long rows = work.run();
        double seconds = (System.nanoTime() - began) / 1e9;
        double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e9;
        double postgresCpu = CpuProbe.postgresCpuSeconds(postmaster) - postgresBefore;
        double others = Math.max(0, CpuProbe.machineBusySeconds() - machineBefore - jvm - postgresCpu);
        running.set(false);
        sampler.join();
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Phase(rows, seconds, maxLive.get(), peak, jvm, postgresCpu, others);
    }

    private static Path generate(Path file, long rows, String account) throws IOException {
        LocalDate start = LocalDate.of(2024, 9, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                LocalDate day = start.plusDays(i % 30);
                int hour = (int) (i % 24);
                String cost = String.format("%d.%06d", i % 7, i % 1_000_000);
                out.write(String.join(",", cost, account, "\"Benchmark account\"", "USD", "2024-10-01 00:00:00",
                        "2024-09-01 00:00:00", "Usage", "NULL", "\"Usage of benchmark resource\"",
                        day + String.format(" %02d:59:59", hour), day + String.format(" %02d:00:00", hour), cost, cost,
                        "\"Amazon Web Services, Inc.\"", cost, "1.0", "Hours", "AWS", "\"Amazon Web Services, Inc.\"",
                        "Compute", SERVICES[(int) (i % SERVICES.length)], "arn:aws:ec2:us-east-1:123:instance/i-" + i,
                        "\"{\"\"flk-tenant\"\": \"\"" + TENANTS[(int) (i % TENANTS.length)] + "\"\"}\""));
                out.write('\n');
            }
        }
        return file;
    }

    /** The import's first pass over the file on its own: how much a single-pass import could save at most. */
    private static double sha256Seconds(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        long began = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        digest.digest();
        return (System.nanoTime() - began) / 1e9;
    }

    private static String mib(long bytes) {
        return String.valueOf(bytes / (1024 * 1024));
    }
}
