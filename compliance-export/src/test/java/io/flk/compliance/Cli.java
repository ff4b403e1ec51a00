package io.flk.compliance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Runs the verifier in-process as a user would from a shell, capturing what it prints. */
final class Cli {

    record Run(int exitCode, String out, String err) {

        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(name -> null, args);
    }

    static Run run(UnaryOperator<String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = VerifyChainCommand.commandLine(new VerifyChainCommand(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The verifier against the test database, as the superuser the embedded server has. */
    static Run verify(String... moreArgs) {
        String[] args = new String[moreArgs.length + 4];
        args[0] = "--jdbc-url";
        args[1] = EventLog.jdbcUrl();
        args[2] = "--user";
        args[3] = "postgres";
        System.arraycopy(moreArgs, 0, args, 4, moreArgs.length);
        return run(args);
    }
}
