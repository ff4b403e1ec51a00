package io.flk.projections.simulation;

import io.flk.domain.simulation.SimulationProgress;

/** How the one running a replay follows and stops it. */
public interface ReplayControl {

    /** Read between every two rows: keep it cheap (a volatile flag). */
    boolean cancelRequested();

    /** Called every few thousand rows and at each phase change. */
    void progress(SimulationProgress progress);

    ReplayControl NONE = new ReplayControl() {
        @Override
        public boolean cancelRequested() {
            return false;
        }

        @Override
        public void progress(SimulationProgress progress) {
        }
    };
}
