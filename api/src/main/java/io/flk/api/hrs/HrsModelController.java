package io.flk.api.hrs;

import io.flk.api.hrs.HrsTrainingService.TrainingOrder;
import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.security.Roles;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.ApprovePromotion;
import io.flk.domain.hrs.HrsModelCommands.RejectPromotion;
import io.flk.domain.hrs.HrsModelCommands.RequestPromotion;
import io.flk.domain.hrs.HrsModelCommands.RollbackToLastGood;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsModelVersions;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsTrainings;
import io.flk.domain.hrs.HrsModelQueries.FetchPromotionRequests;
import io.flk.domain.hrs.HrsModelQueries.FindHrsModelVersion;
import io.flk.domain.hrs.HrsModelQueries.FindHrsRouting;
import io.flk.domain.hrs.HrsModelQueries.FindHrsTraining;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionList;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.HrsModelQueries.HrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.HrsRoutingView;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingList;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingView;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import io.flk.domain.hrs.HrsModelQueries.PromotionRequestList;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.HrsTrainingSet;
import io.flk.domain.hrs.HrsTrainingSet.WindowStats;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HRS model lifecycle of a tenant over HTTP: trainings, the registry and model cards, promotion with four
 * eyes, routing and rollback. A refused promotion command is recorded as an audit event and answered as a problem.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/hrs")
public class HrsModelController {

    public record TrainingRequest(@NotNull Instant windowFrom, @NotNull Instant windowTo, @NotNull Long seed,
                                  List<@NotBlank String> candidates, List<@NotBlank String> features) {
    }

    public record TrainingAccepted(String trainingId, String status) {
    }

    /** @param challengerShare required for CHALLENGER, absent otherwise */
    public record PromotionRequest(@NotBlank @Size(max = 64) String modelVersion, @NotNull RoutingRole target,
                                   Double challengerShare, @NotBlank @Size(max = 500) String reason) {
    }

    public record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * @param routing the routing as the command left it
     * @param version the model line's version after the command
     */
    public record PromotionAnswer(String requestId, HrsRouting routing, long version) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final HrsTrainingService trainings;
    private final HrsTrainingSet trainingSet;
    private final HrsProperties properties;
    private final HrsMetrics metrics;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public HrsModelController(CommandGateway commands, QueryGateway queries, HrsTrainingService trainings,
                              HrsTrainingSet trainingSet, HrsProperties properties, HrsMetrics metrics,
                              CurrentPrincipal principal, TenantDirectory tenants, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.trainings = trainings;
        this.trainingSet = trainingSet;
        this.properties = properties;
        this.metrics = metrics;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping("/trainings")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<TrainingAccepted> train(@PathVariable String tenantId,
                                                  @Valid @RequestBody TrainingRequest request) {
        TenantId tenant = activeTenant(tenantId);
        List<String> ids = request.candidates() == null ? properties.retraining().candidates() : request.candidates();
        List<HrsCandidate> candidates = IntStream.range(0, ids.size())
                .mapToObj(i -> HrsCandidate.fromId(ids.get(i), "candidates[" + i + "]")).toList();
        TrainingId trainingId = trainings.start(new TrainingOrder(tenant, request.windowFrom(), request.windowTo(),
                request.seed(), candidates, request.features(), "operator", principal.get().name()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/tenants/" + tenantId + "/hrs/trainings/" + trainingId.value()))
                .body(new TrainingAccepted(trainingId.value(), "RUNNING"));
    }

    @GetMapping("/trainings")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public HrsTrainingList trainings(@PathVariable String tenantId) {
        return queries.query(new FetchHrsTrainings(visibleTenant(tenantId)), HrsTrainingList.class).join();
    }

    @GetMapping("/trainings/{trainingId}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public HrsTrainingView training(@PathVariable String tenantId, @PathVariable String trainingId) {
        return queries.query(new FindHrsTraining(visibleTenant(tenantId), TrainingId.of(trainingId)),
                        ResponseTypes.optionalInstanceOf(HrsTrainingView.class)).join()
                .orElseThrow(() -> ApiProblem.notFound("Training " + trainingId));
    }

    /** What a training over this window would learn from: labelled tasks, hallucinated ones, rows with NaN. */
    @GetMapping("/training-set")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public WindowStats trainingSet(@PathVariable String tenantId, @RequestParam Instant windowFrom,
                                   @RequestParam Instant windowTo) {
        return trainingSet.stats(visibleTenant(tenantId), windowFrom, windowTo);
    }

    @GetMapping("/versions")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public HrsModelVersionList versions(@PathVariable String tenantId) {
        return queries.query(new FetchHrsModelVersions(visibleTenant(tenantId)), HrsModelVersionList.class).join();
    }

    @GetMapping("/versions/{version}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public HrsModelVersionView version(@PathVariable String tenantId, @PathVariable String version) {
        return registered(visibleTenant(tenantId), version);
    }

    @GetMapping(path = "/versions/{version}/card", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public ModelCard card(@PathVariable String tenantId, @PathVariable String version) {
        TenantId tenant = visibleTenant(tenantId);
        HrsVersionPerformance online = queries.query(new FetchHrsOnlinePerformance(tenant),
                        HrsOnlinePerformance.class).join().versions().stream()
                .filter(performance -> performance.modelVersion().equals(version)).findFirst().orElse(null);
        return ModelCard.of(registered(tenant, version), online, properties.gates().eligibility());
    }

    @GetMapping(path = "/versions/{version}/card", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public String cardPage(@PathVariable String tenantId, @PathVariable String version) {
        return ModelCardPage.html(card(tenantId, version));
    }

    @GetMapping("/routing")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public HrsRoutingView routing(@PathVariable String tenantId) {
        return queries.query(new FindHrsRouting(visibleTenant(tenantId)), HrsRoutingView.class).join();
    }

    @GetMapping("/online-performance")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public HrsOnlinePerformance onlinePerformance(@PathVariable String tenantId) {
        return queries.query(new FetchHrsOnlinePerformance(visibleTenant(tenantId)), HrsOnlinePerformance.class)
                .join();
    }

    @GetMapping("/promotions")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public PromotionRequestList promotions(@PathVariable String tenantId) {
        return queries.query(new FetchPromotionRequests(visibleTenant(tenantId)), PromotionRequestList.class).join();
    }

    @PostMapping("/promotions")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<PromotionAnswer> requestPromotion(@PathVariable String tenantId,
                                                            @Valid @RequestBody PromotionRequest request) {
        TenantId tenant = activeTenant(tenantId);
        double share = request.challengerShare() == null ? 0 : request.challengerShare();
        PromotionOutcome outcome = commands.sendAndWait(new RequestPromotion(HrsLineId.of(tenant),
                PromotionRequestId.random(), request.modelVersion(), request.target(), share,
                properties.gates().eligibility(), properties.promotionTtl(), principal.get().name(), request.reason(),
                clock.instant()));
        PromotionAnswer answer = answered(tenant, outcome, "requested");
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/hrs/promotions/"
                + answer.requestId())).body(answer);
    }

    @PostMapping("/promotions/{requestId}/approval")
    @PreAuthorize("hasRole('approver')")
    public PromotionAnswer approve(@PathVariable String tenantId, @PathVariable String requestId,
                                   @Valid @RequestBody Decision decision) {
        TenantId tenant = activeTenant(tenantId);
        FlkPrincipal approver = principal.get();
        return answered(tenant, commands.sendAndWait(new ApprovePromotion(HrsLineId.of(tenant),
                PromotionRequestId.of(requestId), approver.name(), approver.has(Roles.APPROVER), decision.reason(),
                clock.instant())), "approved");
    }

    /** The requester may withdraw their own request; an approver may turn down anyone's. */
    @PostMapping("/promotions/{requestId}/rejection")
    @PreAuthorize("hasAnyRole('operator', 'approver')")
    public PromotionAnswer reject(@PathVariable String tenantId, @PathVariable String requestId,
                                  @Valid @RequestBody Decision decision) {
        TenantId tenant = activeTenant(tenantId);
        return answered(tenant, commands.sendAndWait(new RejectPromotion(HrsLineId.of(tenant),
                PromotionRequestId.of(requestId), principal.get().name(), decision.reason(), clock.instant())),
                "rejected");
    }

    /** Emergency brake: one command, no second principal, every step recorded. */
    @PostMapping("/rollback")
    @PreAuthorize("hasRole('operator')")
    public PromotionAnswer rollback(@PathVariable String tenantId, @Valid @RequestBody Decision decision) {
        TenantId tenant = activeTenant(tenantId);
        return answered(tenant, commands.sendAndWait(new RollbackToLastGood(HrsLineId.of(tenant),
                principal.get().name(), decision.reason(), clock.instant())), "rolled-back");
    }

    private PromotionAnswer answered(TenantId tenant, PromotionOutcome outcome, String acceptedAs) {
        if (!outcome.accepted()) {
            metrics.promotion(tenant, "refused-" + outcome.refusal().name().toLowerCase().replace('_', '-'));
            throw PromotionRefusals.problem(outcome);
        }
        metrics.promotion(tenant, acceptedAs);
        return new PromotionAnswer(outcome.requestId() == null ? null : outcome.requestId().value(),
                outcome.routing(), outcome.version());
    }

    private HrsModelVersionView registered(TenantId tenant, String version) {
        return queries.query(new FindHrsModelVersion(tenant, version),
                        ResponseTypes.optionalInstanceOf(HrsModelVersionView.class)).join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "model-version-not-registered",
                        "HRS version " + version + " is not registered for tenant " + tenant.value(), "version"));
    }

    private TenantId visibleTenant(String tenantId) {
        return tenants.visibleTo(principal.get(), tenantId, "tenantId");
    }

    private TenantId activeTenant(String tenantId) {
        return tenants.activeFor(principal.get(), tenantId, "tenantId");
    }
}
