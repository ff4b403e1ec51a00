package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** Read side of the HRS lifecycle: versions, routing, promotion requests, trainings, online performance. */
public final class HrsModelQueries {

    private HrsModelQueries() {
    }

    public record FetchHrsModelVersions(TenantId tenantId) {
    }

    /** Answers {@code Optional<HrsModelVersionView>}. */
    public record FindHrsModelVersion(TenantId tenantId, String modelVersion) {
    }

    /**
     * @param role    the version's place in the routing now, or {@code null} when it is not routed
     * @param refusal why its artifact was refused on load, or {@code null}
     */
    public record HrsModelVersionView(String tenantId, RegisteredModel model, String registeredBy,
                                      Instant registeredAt, RoutingRole role, String refusal) {
    }

    public record HrsModelVersionList(List<HrsModelVersionView> versions) {

        public HrsModelVersionList {
            versions = List.copyOf(versions);
        }
    }

    public record FindHrsRouting(TenantId tenantId) {
    }

    /** @param version the aggregate version of the line, {@code 0} before anything happened */
    public record HrsRoutingView(String tenantId, HrsRouting routing, String changedBy, String cause,
                                 Instant changedAt, long version) {
    }

    public enum PromotionStatus { PENDING, APPROVED, REJECTED, EXPIRED }

    public record FetchPromotionRequests(TenantId tenantId) {
    }

    public record PromotionRequestView(String requestId, String tenantId, String modelVersion, RoutingRole target,
                                       double challengerShare, PromotionStatus status, String requestedBy,
                                       String reason, Instant requestedAt, Instant expiresAt, String decidedBy,
                                       String decisionReason, Instant decidedAt) {
    }

    public record PromotionRequestList(List<PromotionRequestView> requests) {

        public PromotionRequestList {
            requests = List.copyOf(requests);
        }
    }

    public enum TrainingStatus { RUNNING, COMPLETED, FAILED }

    public record FetchHrsTrainings(TenantId tenantId) {
    }

    /** Answers {@code Optional<HrsTrainingView>}. */
    public record FindHrsTraining(TenantId tenantId, TrainingId trainingId) {
    }

    public record HrsTrainingView(String trainingId, String tenantId, TrainingStatus status, Instant windowFrom,
                                  Instant windowTo, long seed, List<HrsCandidate> candidates, int rows,
                                  int hallucinatedRows, String trigger, String startedBy, Instant startedAt,
                                  String stage, int step, int steps, String detail, String modelVersion,
                                  String failure, Instant finishedAt) {

        public HrsTrainingView {
            candidates = List.copyOf(candidates);
        }
    }

    public record HrsTrainingList(List<HrsTrainingView> trainings) {

        public HrsTrainingList {
            trainings = List.copyOf(trainings);
        }
    }

    public record FetchHrsOnlinePerformance(TenantId tenantId) {
    }

    /**
     * How a version scored live tasks that humans later labelled.
     *
     * @param deciding  tasks it decided (as champion or challenger)
     * @param shadowed  tasks it scored as a shadow
     * @param onlineAuc ROC AUC of its risk against the labels, or {@code null} without both classes labelled
     */
    public record HrsVersionPerformance(String modelVersion, long deciding, long shadowed, long labelled,
                                        long hallucinated, Double onlineAuc) {
    }

    public record HrsOnlinePerformance(List<HrsVersionPerformance> versions) {

        public HrsOnlinePerformance {
            versions = List.copyOf(versions);
        }
    }
}
