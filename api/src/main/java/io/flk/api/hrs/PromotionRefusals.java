package io.flk.api.hrs;

import io.flk.api.web.ApiProblem;
import io.flk.domain.hrs.PromotionOutcome;
import org.springframework.http.HttpStatus;

/** How a recorded promotion refusal is answered over HTTP: a stable problem type per reason. */
final class PromotionRefusals {

    private PromotionRefusals() {
    }

    static ApiProblem problem(PromotionOutcome refused) {
        String detail = refused.detail() + " (the refusal is recorded in the event log)";
        switch (refused.refusal()) {
            case NOT_REGISTERED:
                return new ApiProblem(HttpStatus.NOT_FOUND, "model-version-not-registered", detail, "modelVersion");
            case NOT_ELIGIBLE:
                return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "model-version-not-eligible", detail,
                        "modelVersion");
            case ARTIFACT_REFUSED:
                return new ApiProblem(HttpStatus.CONFLICT, "artifact-refused", detail, "modelVersion");
            case SELF_APPROVAL:
                return new ApiProblem(HttpStatus.FORBIDDEN, "self-approval", detail, null);
            case EXPIRED:
                return new ApiProblem(HttpStatus.CONFLICT, "promotion-expired", detail, "requestId");
            case NOT_PENDING:
                return new ApiProblem(HttpStatus.CONFLICT, "promotion-not-pending", detail, "requestId");
            case ROLLOUT_IN_PROGRESS:
                return new ApiProblem(HttpStatus.CONFLICT, "rollout-in-progress", detail, null);
            default:
                throw new IllegalArgumentException("unknown refusal " + refused.refusal());
        }
    }
}
