package io.flk.domain.verification.training;

import java.time.Instant;
import java.util.Optional;

/** Where trained micro-vote artifacts are kept, so that the live model survives a restart. */
public interface MicroVoteArtifacts {

    /** Stores the artifact as the newest one; storing a version again replaces its bytes and makes it newest. */
    void save(MicroVoteArtifact artifact, Instant trainedAt);

    /** The most recently stored artifact as stored, not yet checked: {@link MicroVoteArtifact#load()} checks it. */
    Optional<MicroVoteArtifact> latest();
}
