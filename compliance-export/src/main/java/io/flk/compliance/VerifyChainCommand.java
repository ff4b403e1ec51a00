package io.flk.compliance;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Verifies the audit hash chain of an FLK Control Plane database with nothing but JDBC and the recipe in
 * {@link io.flk.domain.audit.AuditChainRecipe}, and optionally exports the chain as CSV for auditors.
 *
 * <p>Exit codes: 0 chain intact, 1 chain broken, 2 usage, connection or export error.
 */
@Command(name = "flk-verify-chain", mixinStandardHelpOptions = true, version = "flk-verify-chain 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Recomputes the tamper-evident hash chain (table audit_chain) over the event log "
                        + "(table domain_event_entry) and reports the first link that does not match.",
                "Exit codes: 0 intact, 1 broken, 2 usage, connection or export error."})
public class VerifyChainCommand implements Callable<Integer> {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int ERROR = 2;

    static final String PASSWORD_VARIABLE = "FLK_DB_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/flk")
    private String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME", description = "Database user (read access suffices).")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Database password; without a value it is asked for. Default: environment variable "
                    + PASSWORD_VARIABLE + " (preferred: a command line is visible to other users).")
    private char[] password;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Also write the whole chain as CSV (" + ChainCsv.HEADER + ").")
    private Path export;

    @Option(names = "--fetch-size", paramLabel = "ROWS", defaultValue = "1000",
            description = "Rows fetched per round trip (default: ${DEFAULT-VALUE}).")
    private int fetchSize;

    private final UnaryOperator<String> environment;

    public VerifyChainCommand() {
        this(System::getenv);
    }

    /** {@code environment} answers variable names, like {@link System#getenv(String)}. */
    public VerifyChainCommand(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new VerifyChainCommand()).execute(args));
    }

    /** The command with its exit-code conventions: anything that prevents a verdict is an error (2). */
    public static CommandLine commandLine(VerifyChainCommand command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("error: " + exception);
            return ERROR;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        if (fetchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--fetch-size must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuditChainReader.Result result;
        try (Connection connection = connect()) {
            result = export == null ? new AuditChainReader(fetchSize).read(connection, link -> { })
                    : readAndExport(connection);
        } catch (SQLException e) {
            err.println("error: cannot read the audit chain: " + e.getMessage());
            return ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write " + export + ": " + e.getMessage());
            return ERROR;
        }
        ChainCheck check = result.check();
        ChainCheck.Broken broken = check.broken();
        if (broken == null) {
            out.println("chain intact: " + check.verifiedLinks() + " links, last hash " + check.lastHash());
        } else {
            out.println("chain broken at chain_position " + broken.chainPosition() + " (global_index "
                    + broken.globalIndex() + "): " + broken.reason());
        }
        if (result.unchainedEvents() > 0) {
            out.println("note: " + result.unchainedEvents()
                    + " stored events are not in the chain (not chained yet, or added behind its back)");
        }
        if (export != null) {
            out.println("exported " + result.links() + " links to " + export);
        }
        out.flush();
        return broken == null ? INTACT : BROKEN;
    }

    /** Writes beside the target and moves into place when complete: a partial export is no evidence. */
    private AuditChainReader.Result readAndExport(Connection connection) throws SQLException, IOException {
        Path partial = export.resolveSibling(export.getFileName() + ".partial");
        boolean complete = false;
        try {
            AuditChainReader.Result result;
            try (Writer file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                Consumer<ChainLink> toCsv = AuditChainReader.writingTo(new ChainCsv(file));
                result = new AuditChainReader(fetchSize).read(connection, toCsv);
            }
            Files.move(partial, export, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
            return result;
        } finally {
            if (!complete) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "flk-verify-chain");
        properties.setProperty("connectTimeout", "10");
        if (user != null) {
            properties.setProperty("user", user);
        }
        String secret = password != null ? new String(password) : environment.apply(PASSWORD_VARIABLE);
        if (secret != null) {
            properties.setProperty("password", secret);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
