package io.flk.api.verification;

import io.flk.api.hrs.HrsRouter;
import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.security.Roles;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.shared.Ids;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Citation;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.VerificationInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the data plane calls for every LLM answer (DESIGN.md section 7): 200 when it passed, 202 with the
 * escalation when it did not. The texts are used in memory only; the record holds ids and numbers.
 */
@RestController
@RequestMapping("/api/v1/verifications")
public class VerificationController {

    static final int MAX_SOURCES = 100;
    static final int MAX_CITATIONS = 500;
    static final int MAX_FEATURES = 32;
    private static final String SOURCE_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    private static final String FEATURE_NAME = "[A-Za-z][A-Za-z0-9_.]{0,63}";

    public record SourceRequest(@NotNull @Pattern(regexp = SOURCE_ID) String id, @NotBlank String text) {
    }

    public record CitationRequest(@NotNull @Min(0) Integer sentence, @NotNull @Pattern(regexp = SOURCE_ID) String sourceId) {
    }

    public record VerificationRequest(@NotNull String tenantId, @NotNull String taskId,
                                      @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/@+-]*")
                                      String model,
                                      String prompt,
                                      @NotBlank String answer,
                                      @NotNull @Size(min = 1, max = MAX_SOURCES) List<@Valid @NotNull SourceRequest> sources,
                                      @Size(max = MAX_CITATIONS) List<@Valid @NotNull CitationRequest> citations,
                                      @Size(max = MAX_FEATURES) Map<@Pattern(regexp = FEATURE_NAME) String, @NotNull Double> features,
                                      @DecimalMin("0.0") Double llmCostUsd) {
    }

    public record VoteView(String strategy, Double score, String vote, double latencyMs, boolean timedOut,
                           boolean failed, String modelVersion) {

        static VoteView of(StrategyVerdict verdict) {
            return new VoteView(verdict.strategy().id(), verdict.score(), verdict.vote().name(),
                    verdict.latencyMicros() / 1000.0, verdict.timedOut(), verdict.failed(), verdict.modelVersion());
        }
    }

    /** @param replayed the task id was verified before: this is the earlier decision, nothing new was recorded */
    public record VerificationResponse(String taskId, Decision decision, Double risk, long policyVersion,
                                       boolean controlGroup, String escalationId, List<VoteView> votes,
                                       Instant recordedAt, boolean replayed) {

        static VerificationResponse of(RecordedDecision recorded) {
            TaskVerified task = recorded.task();
            return new VerificationResponse(task.taskId(), task.decision(), task.risk(), task.policyVersion(),
                    task.controlGroup(), task.escalationId() == null ? null : task.escalationId().value(),
                    task.verdicts().stream().map(VoteView::of).toList(), task.verifiedAt(), recorded.replayed());
        }
    }

    /** Lets an operator score a task with a given HRS version, routed or not, to test it before promoting it. */
    public static final String MODEL_VERSION_HEADER = "X-Flk-Model-Version";

    private final VerificationService verification;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final HrsRouter hrs;

    public VerificationController(VerificationService verification, CurrentPrincipal principal,
                                  TenantDirectory tenants, HrsRouter hrs) {
        this.verification = verification;
        this.principal = principal;
        this.tenants = tenants;
        this.hrs = hrs;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('operator', 'tenant')")
    public ResponseEntity<VerificationResponse> verify(@Valid @RequestBody VerificationRequest request,
                                                       @RequestHeader(name = MODEL_VERSION_HEADER, required = false)
                                                       String pinnedHrsVersion) {
        long arrived = System.nanoTime();
        FlkPrincipal caller = principal.get();
        TenantId tenantId = tenants.visibleTo(caller, request.tenantId(), "tenantId");
        tenants.requireActive(tenantId, "tenantId");
        if (pinnedHrsVersion != null) {
            requirePinnable(caller, tenantId, pinnedHrsVersion);
        }
        VerificationInput input = new VerificationInput(tenantId, Ids.requireExternal(request.taskId(), "taskId"),
                request.prompt(), request.answer(), sources(request.sources()), citations(request), features(request),
                pinnedHrsVersion);
        double llmCost = request.llmCostUsd() == null ? 0 : finite(request.llmCostUsd(), "llmCostUsd");
        RecordedDecision recorded = verification.verify(input, request.model(), llmCost, arrived);
        HttpStatus status = recorded.task().decision() == Decision.PASS ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(VerificationResponse.of(recorded));
    }

    private void requirePinnable(FlkPrincipal caller, TenantId tenantId, String version) {
        if (!caller.has(Roles.OPERATOR)) {
            throw ApiProblem.forbidden("Only an operator may choose the HRS version", MODEL_VERSION_HEADER);
        }
        hrs.refusalToPin(tenantId, version).ifPresent(refusal -> {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "hrs-version-not-servable",
                    "HRS version " + version + " cannot score tasks of tenant " + tenantId.value() + ": " + refusal,
                    MODEL_VERSION_HEADER);
        });
    }

    private static List<SourcePassage> sources(List<SourceRequest> sources) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            if (!ids.add(sources.get(i).id())) {
                throw ApiProblem.invalid("sources[" + i + "].id", "source id " + sources.get(i).id() + " is repeated");
            }
        }
        return sources.stream().map(source -> new SourcePassage(source.id(), source.text())).toList();
    }

    private static List<Citation> citations(VerificationRequest request) {
        return request.citations() == null ? List.of() : request.citations().stream()
                .map(citation -> new Citation(citation.sentence(), citation.sourceId())).toList();
    }

    private static Map<String, Double> features(VerificationRequest request) {
        if (request.features() == null) {
            return Map.of();
        }
        request.features().forEach((name, value) -> finite(value, "features." + name));
        return request.features();
    }

    private static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw ApiProblem.invalid(field, field + " must be a finite number");
        }
        return value;
    }
}
