package io.flk.api.rollout;

import io.flk.api.web.ApiProblem;
import io.flk.domain.rollout.RolloutOutcome;
import org.springframework.http.HttpStatus;

/** How a recorded rollout refusal is answered over HTTP: a stable problem type per reason. */
final class RolloutRefusals {

    static final String NOT_FOUND = "rollout-not-found";

    private RolloutRefusals() {
    }

    static ApiProblem problem(RolloutOutcome refused) {
        String detail = refused.detail() + " (the refusal is recorded in the event log)";
        return switch (refused.refusal()) {
            case ROLLOUT_IN_PROGRESS -> new ApiProblem(HttpStatus.CONFLICT, "rollout-in-progress", detail, "component");
            case SELF_APPROVAL -> new ApiProblem(HttpStatus.FORBIDDEN, "self-approval", detail, null);
            case WRONG_STATE -> new ApiProblem(HttpStatus.CONFLICT, "rollout-wrong-state", detail, null);
            case UNKNOWN_ROLLOUT -> new ApiProblem(HttpStatus.NOT_FOUND, NOT_FOUND, detail, "rolloutId");
        };
    }
}
