package io.flk.domain.hrs;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.ControlGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which HRS versions score a tenant's tasks. {@code champion == null} means the bundled model. The challenger
 * decides for the tasks whose bucket falls below its share; the bucket is salted so that it is independent of
 * the control-group bucket of the same task. Shadows are scored on every task and never decide. A rollout's
 * canary sits in the challenger slot and may take every task (share 1); a manually promoted challenger is held
 * to a smaller share by the model line.
 */
public record HrsRouting(String champion, String challenger, double challengerShare, List<String> shadows) {

    /** Keeps the challenger bucket independent of {@link ControlGroup}'s bucket of the same task id. */
    private static final String CHALLENGER_SALT = "hrs-challenger\u0000";

    public HrsRouting {
        shadows = List.copyOf(shadows);
        if (!(challengerShare >= 0 && challengerShare <= 1)) {
            throw new InvalidValue("challengerShare", "challengerShare must be within [0, 1]");
        }
        if (challenger == null && challengerShare > 0) {
            throw new InvalidValue("challengerShare", "a challenger share needs a challenger");
        }
        if (challenger != null && challenger.equals(champion)) {
            throw new InvalidValue("challenger", "the champion cannot also be the challenger");
        }
    }

    public static HrsRouting bundledOnly() {
        return new HrsRouting(null, null, 0, List.of());
    }

    /** The version that decides this task; {@code null} is the bundled model. */
    public String decidingVersion(TenantId tenantId, String taskId) {
        if (challenger != null && challengerShare > 0
                && ControlGroup.bucket(tenantId, CHALLENGER_SALT + taskId) < challengerShare) {
            return challenger;
        }
        return champion;
    }

    /** Every version the routing names, champion first. */
    public List<String> versions() {
        List<String> versions = new ArrayList<>();
        if (champion != null) {
            versions.add(champion);
        }
        if (challenger != null) {
            versions.add(challenger);
        }
        shadows.stream().filter(shadow -> !versions.contains(shadow)).forEach(versions::add);
        return versions;
    }

    /** The routing after an approved promotion of {@code version} to {@code role}. */
    public HrsRouting with(String version, RoutingRole role, double share) {
        Objects.requireNonNull(version, "version");
        List<String> otherShadows = shadows.stream().filter(shadow -> !shadow.equals(version)).toList();
        boolean wasChallenger = version.equals(challenger);
        switch (role) {
            case CHAMPION:
                return new HrsRouting(version, wasChallenger ? null : challenger, wasChallenger ? 0 : challengerShare,
                        otherShadows);
            case CHALLENGER:
                return new HrsRouting(version.equals(champion) ? null : champion, version, share, otherShadows);
            case SHADOW:
                List<String> withShadow = new ArrayList<>(otherShadows);
                withShadow.add(version);
                return new HrsRouting(champion, wasChallenger ? null : challenger, wasChallenger ? 0 : challengerShare,
                        withShadow);
            case RETIRED:
                return new HrsRouting(champion, wasChallenger ? null : challenger, wasChallenger ? 0 : challengerShare,
                        otherShadows);
            default:
                throw new IllegalArgumentException("unknown role " + role);
        }
    }

    /** The routing with {@code version} as champion, keeping challenger and shadows: what a rollback restores. */
    public HrsRouting withChampion(String version) {
        boolean wasChallenger = version != null && version.equals(challenger);
        return new HrsRouting(version, wasChallenger ? null : challenger, wasChallenger ? 0 : challengerShare, shadows);
    }
}
