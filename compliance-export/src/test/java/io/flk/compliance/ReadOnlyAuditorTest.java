package io.flk.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.compliance.Cli.Run;
import io.flk.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An auditor connects as a role that may only read the two tables, authenticated by password. The embedded
 * server trusts every local connection, so this role gets a password rule of its own in pg_hba.conf.
 */
class ReadOnlyAuditorTest {

    private static final String ROLE = "flk_readonly_auditor";
    private static final String SECRET = "s3cret-for-audit";

    @BeforeAll
    static void readOnlyRoleWithPassword() throws IOException {
        EventLog.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN
                    CREATE ROLE %s LOGIN PASSWORD '%s';
                  END IF;
                END $$""".formatted(ROLE, ROLE, SECRET));
        EventLog.execute("GRANT SELECT ON audit_chain, domain_event_entry TO " + ROLE);
        Path hba = Path.of(TestDatabase.get().dsl().fetchValue("SHOW hba_file").toString());
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        String rule = "host all " + ROLE + " all scram-sha-256\n";
        if (!rules.startsWith(rule)) {
            Files.writeString(hba, rule + rules, StandardCharsets.UTF_8);
            EventLog.execute("SELECT pg_reload_conf()");
        }
    }

    @BeforeEach
    void aChain() {
        EventLog.reset();
        EventLog.chain(EventLog.appendEvents(30_001, 3));
    }

    @Test
    void theVerifierNeedsOnlyReadAccessAndTakesThePasswordFromTheEnvironment() {
        Run run = Cli.run(Map.of(VerifyChainCommand.PASSWORD_VARIABLE, SECRET)::get, args());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.firstLine()).startsWith("chain intact: 3 links, last hash ");
    }

    @Test
    void aWrongPasswordIsAConnectionError() {
        Run run = Cli.run(Map.of(VerifyChainCommand.PASSWORD_VARIABLE, "guess")::get, args());

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.ERROR);
        assertThat(run.err()).contains("password authentication failed");
    }

    @Test
    void aPasswordOnTheCommandLineWinsOverTheEnvironment() {
        List<String> args = new ArrayList<>(List.of(args()));
        args.add("--password=" + SECRET);

        Run run = Cli.run(Map.of(VerifyChainCommand.PASSWORD_VARIABLE, "stale")::get, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(VerifyChainCommand.INTACT);
    }

    /** A URL without the embedded server's own {@code ?user=postgres}, so that --user counts. */
    private static String[] args() {
        String url = "jdbc:postgresql://localhost:" + TestDatabase.get().server().port() + "/postgres";
        return new String[] {"--jdbc-url", url, "--user", ROLE};
    }
}
