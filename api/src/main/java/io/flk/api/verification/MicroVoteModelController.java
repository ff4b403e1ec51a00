package io.flk.api.verification;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.verification.VerificationController.SourceRequest;
import io.flk.domain.verification.MicroVoteModelCommands.TrainMicroVoteModel;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.MicroVoteModelQueries.FetchMicroVoteModels;
import io.flk.domain.verification.MicroVoteModelQueries.MicroVoteModelHistory;
import io.flk.domain.verification.MicroVoteModelQueries.MicroVoteModelView;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.strategy.MicroVoteModels;
import io.flk.domain.verification.training.LabelledPair;
import io.flk.domain.verification.training.MicroVoteTraining;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Micro-vote models trained from labelled pairs. A trained model serves this instance's verifications as
 * soon as the answer is sent, and after a restart; the texts are used for training in memory only.
 */
@RestController
@RequestMapping("/api/v1/strategies/micro-vote/models")
public class MicroVoteModelController {

    public record PairRequest(String prompt, String answer, List<@Valid @NotNull SourceRequest> sources,
                              @NotNull Boolean hallucinated) {

        LabelledPair toPair() {
            List<SourcePassage> passages = sources == null ? null
                    : sources.stream().map(source -> new SourcePassage(source.id(), source.text())).toList();
            return new LabelledPair(prompt, answer, passages, hallucinated);
        }
    }

    public record TrainingRequest(@NotNull Long seed, List<@Valid @NotNull PairRequest> pairs) {
    }

    /** @param live the version serving this instance's verifications now */
    public record TrainedModels(String live, List<MicroVoteModelView> trainings) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final MicroVoteModels models;
    private final CurrentPrincipal principal;
    private final Clock clock;

    public MicroVoteModelController(CommandGateway commands, QueryGateway queries, MicroVoteModels models,
                                    CurrentPrincipal principal, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.models = models;
        this.principal = principal;
        this.clock = clock;
    }

    /** Checked here as well as by the runner, so that a refused request costs no training and no transaction. */
    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public MicroVoteModelTrained train(@Valid @RequestBody TrainingRequest request) {
        List<LabelledPair> pairs = MicroVoteTraining.validated(
                request.pairs() == null ? null : request.pairs().stream().map(PairRequest::toPair).toList());
        return commands.sendAndWait(new TrainMicroVoteModel(pairs, request.seed(), principal.get().name(),
                clock.instant()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'auditor')")
    public TrainedModels list() {
        MicroVoteModelHistory history = queries.query(new FetchMicroVoteModels(), MicroVoteModelHistory.class).join();
        return new TrainedModels(models.current().version(), history.trainings());
    }
}
