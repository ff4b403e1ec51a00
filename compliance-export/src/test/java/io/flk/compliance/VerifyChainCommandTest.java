package io.flk.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.compliance.Cli.Run;
import io.flk.compliance.EventLog.Event;
import io.flk.domain.audit.AuditChainRecipe;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyChainCommandTest {

    @BeforeEach
    void emptyEventLog() {
        EventLog.reset();
    }

    @Test
    void anIntactChainIsReportedWithItsLengthAndLastHash() {
        List<ChainLink> links = EventLog.chain(EventLog.appendEvents(101, 5));

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.out()).isEqualTo("chain intact: 5 links, last hash " + links.get(4).hash() + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anEmptyChainIsIntactWithTheGenesisHash() {
        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.firstLine()).isEqualTo("chain intact: 0 links, last hash " + "0".repeat(64));
    }

    @Test
    void aPayloadRewrittenBehindTheWriteOnceTriggerBreaksTheChainAtThatEvent() {
        List<Event> events = EventLog.appendEvents(201, 6);
        List<ChainLink> links = EventLog.chain(events);
        assertThat(Cli.verify().exitCode()).isEqualTo(VerifyChainCommand.INTACT);

        assertThatThrownBy(() -> EventLog.execute(
                "UPDATE domain_event_entry SET payload = '\\x7b7d' WHERE global_index = 204"))
                .hasMessageContaining("write-once");
        EventLog.asSuperuserWithoutTriggers("""
                UPDATE domain_event_entry
                   SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'tenant-204', 'tenant-666'), 'UTF8')
                 WHERE global_index = 204""");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(links.get(3).globalIndex()).isEqualTo(204);
        assertThat(run.out()).isEqualTo("chain broken at chain_position 4 (global_index 204): "
                + "the stored payload differs from the payload that was chained\n");
    }

    @Test
    void linksAreFollowedInChainPositionOrderWhichNeedNotBeGlobalIndexOrder() {
        List<Event> events = EventLog.appendEvents(301, 4);
        // The projection chains events in the order its processor saw them: a late commit comes later.
        List<Event> processingOrder = List.of(events.get(0), events.get(2), events.get(1), events.get(3));
        List<ChainLink> links = EventLog.chain(processingOrder);

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.firstLine()).isEqualTo("chain intact: 4 links, last hash " + links.get(3).hash());
    }

    @Test
    void anEventDeletedBehindTheTriggersBackBreaksTheChainAtItsLink() {
        EventLog.chain(EventLog.appendEvents(401, 3));
        EventLog.asSuperuserWithoutTriggers("DELETE FROM domain_event_entry WHERE global_index = 402");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine())
                .isEqualTo("chain broken at chain_position 2 (global_index 402): the stored event is missing");
    }

    @Test
    void aRewrittenTimestampIsCaughtEvenThoughThePayloadIsUntouched() {
        EventLog.chain(EventLog.appendEvents(501, 3));
        EventLog.asSuperuserWithoutTriggers(
                "UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z' WHERE global_index = 503");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine()).isEqualTo("chain broken at chain_position 3 (global_index 503): "
                + "the stored event's time_stamp differs from what was chained");
    }

    @Test
    void aLinkRemovedFromTheChainIsReportedAtTheLinkAfterTheGap() {
        EventLog.chain(EventLog.appendEvents(601, 4));
        EventLog.execute("DELETE FROM audit_chain WHERE chain_position = 2");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine())
                .isEqualTo("chain broken at chain_position 3 (global_index 603): chain_position 2 is missing");
    }

    @Test
    void aForgedLinkHashIsCaughtAtThatLink() {
        EventLog.chain(EventLog.appendEvents(701, 3));
        EventLog.execute("UPDATE audit_chain SET hash = repeat('ab', 32) WHERE chain_position = 2");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine()).isEqualTo("chain broken at chain_position 2 (global_index 702): "
                + "hash does not match the recipe applied to the link's own columns");
    }

    @Test
    void aLinkRecomputedByAForgerStillBreaksTheChainAtTheNextLink() {
        List<ChainLink> links = EventLog.chain(EventLog.appendEvents(801, 3));
        ChainLink second = links.get(1);
        EventLog.asSuperuserWithoutTriggers(
                "UPDATE domain_event_entry SET payload = '\\x7b7d' WHERE global_index = 802");
        String forgedSha = AuditChainRecipe.payloadSha256(new byte[] {'{', '}'});
        String forgedHash = AuditChainRecipe.linkHash(second.prevHash(), second.globalIndex(), second.eventId(),
                second.eventType(), second.aggregateId(), second.timeStamp(), forgedSha);
        EventLog.execute("UPDATE audit_chain SET payload_sha256 = '" + forgedSha + "', hash = '" + forgedHash
                + "' WHERE chain_position = 2");

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.BROKEN);
        assertThat(run.firstLine()).isEqualTo("chain broken at chain_position 3 (global_index 803): "
                + "prev_hash does not match the hash of the previous link");
    }

    @Test
    void eventsThatAreNotInTheChainAreNotedWithoutBreakingIt() {
        List<Event> events = EventLog.appendEvents(901, 3);
        List<ChainLink> links = EventLog.chain(events.subList(0, 2));

        Run run = Cli.verify();

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.out().lines().toList()).containsExactly(
                "chain intact: 2 links, last hash " + links.get(1).hash(),
                "note: 1 stored events are not in the chain (not chained yet, or added behind its back)");
    }

    @Test
    void aLongChainIsStreamedInSmallFetchesAndVerified() {
        List<ChainLink> links = EventLog.chain(EventLog.appendEvents(10_001, 2_500));

        Run run = Cli.verify("--fetch-size", "7");

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.INTACT);
        assertThat(run.firstLine()).isEqualTo("chain intact: 2500 links, last hash " + links.get(2_499).hash());
    }

    @Test
    void missingOrUnknownOptionsAreUsageErrors() {
        Run withoutUrl = Cli.run("--user", "postgres");
        assertThat(withoutUrl.exitCode()).isEqualTo(VerifyChainCommand.ERROR);
        assertThat(withoutUrl.err()).contains("Missing required option: '--jdbc-url=URL'");

        assertThat(Cli.verify("--no-such-option").exitCode()).isEqualTo(VerifyChainCommand.ERROR);
        assertThat(Cli.verify("--fetch-size", "0").exitCode()).isEqualTo(VerifyChainCommand.ERROR);
    }

    @Test
    void anUnreachableDatabaseIsAConnectionErrorNotAVerdict() {
        Run run = Cli.run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/flk", "--user", "auditor");

        assertThat(run.exitCode()).isEqualTo(VerifyChainCommand.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: cannot read the audit chain: ");
    }

    @Test
    void theHelpNamesTheExitCodes() {
        Run run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--jdbc-url", "--export", "FLK_DB_PASSWORD", "0 intact, 1 broken, 2");
    }
}
