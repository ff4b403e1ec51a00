package io.flk.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.compliance.Cli.Run;
import io.flk.compliance.EventLog.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export lets an auditor recompute the chain without FLK code: these tests recompute it with
 * nothing but {@link MessageDigest} and the recipe as documented, not through AuditChainRecipe.
 */
class ChainCsvExportTest {

    private static final String GENESIS = "0".repeat(64);

    @TempDir
    Path directory;

    @BeforeEach
    void emptyEventLog() {
        EventLog.reset();
    }

    @Test
    void theExportedChainRecomputesWithPlainSha256() throws Exception {
        List<Event> events = EventLog.appendEvents(20_001, 5);
        // Chained out of global_index order, as a late commit would be.
        EventLog.chain(List.of(events.get(0), events.get(1), events.get(3), events.get(2), events.get(4)));
        Map<Long, byte[]> payloads = events.stream()
                .collect(Collectors.toMap(Event::globalIndex, Event::payload));
        Path csv = directory.resolve("chain.csv");

        Run run = Cli.verify("--export", csv.toString());

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(
                "chain_position,global_index,event_id,event_type,aggregate_id,time_stamp,payload_sha256,prev_hash,hash");
        String prev = GENESIS;
        for (int i = 1; i < lines.size(); i++) {
            String[] row = lines.get(i).split(",", -1);
            assertThat(row).hasSize(9);
            assertThat(Long.parseLong(row[0])).isEqualTo(i);
            long globalIndex = Long.parseLong(row[1]);
            assertThat(row[6]).as("payload_sha256 of the stored bytes").isEqualTo(sha256(payloads.get(globalIndex)));
            assertThat(row[7]).as("prev_hash of link %d", i).isEqualTo(prev);
            String text = String.join("\n", row[7], row[1], row[2], row[3], row[4], row[5], row[6]);
            assertThat(row[8]).as("hash of link %d", i).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
            prev = row[8];
        }
        assertThat(run.firstLine()).isEqualTo("chain intact: 5 links, last hash " + prev);
        assertThat(run.out()).contains("exported 5 links to " + csv);
        assertThat(directory).isDirectoryNotContaining("glob:**.partial");
        assertThat(lines.stream().map(line -> line.split(",")[1]).skip(1).toList())
                .containsExactly("20001", "20002", "20004", "20003", "20005");
    }

    @Test
    void aBrokenChainIsStillExportedWhole() throws Exception {
        EventLog.chain(EventLog.appendEvents(21_001, 4));
        EventLog.asSuperuserWithoutTriggers(
                "UPDATE domain_event_entry SET payload = '\\x7b7d' WHERE global_index = 21002");
        Path csv = directory.resolve("broken.csv");

        Run run = Cli.verify("--export", csv.toString());

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine()).isEqualTo("chain broken at chain_position 2 (global_index 21002): "
                + "the stored payload differs from the payload that was chained");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        String[] second = lines.get(2).split(",", -1);
        assertThat(second[6]).as("the export keeps what was chained, which now differs from the stored payload")
                .isNotEqualTo(sha256(new byte[] {'{', '}'}));
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuotedAsRfc4180Says() {
        assertThat(ChainCsv.escape("tenant:acme")).isEqualTo("tenant:acme");
        assertThat(ChainCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(ChainCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ChainCsv.escape("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void anExportThatCannotBeWrittenIsAnErrorNotAVerdict() {
        EventLog.chain(EventLog.appendEvents(22_001, 2));

        Run run = Cli.verify("--export", directory.resolve("no/such/dir/chain.csv").toString());

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.ERROR);
        assertThat(run.err()).startsWith("error: cannot write ");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
