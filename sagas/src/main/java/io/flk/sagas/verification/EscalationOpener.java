package io.flk.sagas.verification;

import io.flk.domain.escalation.EscalationCommands.OpenEscalation;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Duration;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Opens the escalation of every task the ensemble did not pass. The hot path records {@link TaskVerified}
 * (naming the escalation) durably before it answers 202; this step turns that fact into the
 * {@code Escalation} aggregate, with its SLA deadline, in the same transaction as this processor's token,
 * so an escalation is opened exactly once even across crashes. Never replayed: that would reopen.
 */
@Component
@ProcessingGroup(EscalationOpener.GROUP)
@DisallowReplay
public class EscalationOpener {

    public static final String GROUP = "verification-escalations";
    static final String ACTOR = "verification";

    private final CommandGateway commands;
    private final QueryGateway queries;

    public EscalationOpener(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @EventHandler
    void on(TaskVerified task) {
        if (task.decision() != Decision.ESCALATED) {
            return;
        }
        TenantView tenant = queries.query(new FindTenant(task.tenantId()), TenantView.class).join();
        commands.sendAndWait(new OpenEscalation(task.escalationId(), task.tenantId(), task.taskId(), reason(task),
                task.risk(), Duration.ofSeconds(tenant.escalationSlaSeconds()), ACTOR, task.verifiedAt()));
    }

    static String reason(TaskVerified task) {
        if (task.budgetHardCap() != null) {
            return "budget hard cap in force: every task is escalated without running the strategies";
        }
        String against = task.verdicts().stream()
                .filter(verdict -> verdict.vote() == Vote.HALLUCINATED)
                .map(EscalationOpener::describe)
                .collect(Collectors.joining(", "));
        String risk = task.risk() == null ? "unknown" : String.format("%.2f", task.risk());
        return "policy v" + task.policyVersion() + (task.controlGroup() ? " (control)" : "") + " escalated at risk "
                + risk + (against.isEmpty() ? "" : "; voted hallucinated: " + against);
    }

    private static String describe(StrategyVerdict verdict) {
        StrategyName name = verdict.strategy();
        if (verdict.timedOut()) {
            return name + " (timed out)";
        }
        return verdict.failed() ? name + " (failed)" : name + String.format(" %.2f", verdict.score());
    }
}
