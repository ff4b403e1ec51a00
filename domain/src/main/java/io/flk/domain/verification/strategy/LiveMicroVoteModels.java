package io.flk.domain.verification.strategy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The micro-vote model this instance serves, replaced as a whole when a newly trained model is activated.
 * Models are immutable, so swapping the reference is the entire hand-over: no lock on the scoring path.
 */
public final class LiveMicroVoteModels implements MicroVoteModels {

    private final AtomicReference<MicroVoteModel> live;

    public LiveMicroVoteModels(MicroVoteModel initial) {
        live = new AtomicReference<>(Objects.requireNonNull(initial, "initial model"));
    }

    @Override
    public MicroVoteModel current() {
        return live.get();
    }

    public void activate(MicroVoteModel model) {
        live.set(Objects.requireNonNull(model, "model"));
    }
}
