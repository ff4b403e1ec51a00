package io.flk.api.rollout;

import io.flk.api.web.ApiProblem;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutRefusal;
import org.springframework.http.HttpStatus;

/** How a recorded rollout refusal, of a tenant's rollout or of a fleet rollout, is answered over HTTP. */
public final class RolloutRefusals {

    static final String NOT_FOUND = "rollout-not-found";

    private RolloutRefusals() {
    }

    static ApiProblem problem(RolloutOutcome refused) {
        return problem(refused.refusal(), refused.detail(), "rolloutId");
    }

    /** A stable problem type per reason; {@code idField} names the id of what was not found. */
    public static ApiProblem problem(RolloutRefusal refusal, String detail, String idField) {
        String recorded = detail + " (the refusal is recorded in the event log)";
        return switch (refusal) {
            case ROLLOUT_IN_PROGRESS -> new ApiProblem(HttpStatus.CONFLICT, "rollout-in-progress", recorded,
                    "component");
            case SELF_APPROVAL -> new ApiProblem(HttpStatus.FORBIDDEN, "self-approval", recorded, null);
            case WRONG_STATE -> new ApiProblem(HttpStatus.CONFLICT, "rollout-wrong-state", recorded, null);
            case UNKNOWN_ROLLOUT -> new ApiProblem(HttpStatus.NOT_FOUND, NOT_FOUND, recorded, idField);
        };
    }
}
