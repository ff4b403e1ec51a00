package io.flk.domain.verification.strategy;

/**
 * Where the micro-vote strategy finds its model. The strategy asks once per task, so a task is scored by one
 * model from start to end even while another one is being activated.
 */
@FunctionalInterface
public interface MicroVoteModels {

    MicroVoteModel current();
}
