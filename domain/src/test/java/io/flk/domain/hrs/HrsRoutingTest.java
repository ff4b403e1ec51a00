package io.flk.domain.hrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HrsRoutingTest {

    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void aCanaryOnAllTrafficDecidesEveryTask() {
        HrsRouting routing = new HrsRouting("v1", "v2", 1.0, List.of());

        assertThat(IntStream.range(0, 20_000).mapToObj(i -> routing.decidingVersion(ACME, "task-" + i)))
                .containsOnly("v2");
    }

    @Test
    void aChallengerDecidesItsShareOfTasks() {
        HrsRouting routing = new HrsRouting("v1", "v2", 0.7, List.of());

        long byChallenger = IntStream.range(0, 20_000)
                .filter(i -> routing.decidingVersion(ACME, "task-" + i).equals("v2")).count();

        assertThat(byChallenger / 20_000.0).isBetween(0.68, 0.72);
    }

    @Test
    void noShareAboveAllTasks() {
        assertThatThrownBy(() -> new HrsRouting("v1", "v2", 1.01, List.of()))
                .isInstanceOfSatisfying(InvalidValue.class, invalid ->
                        assertThat(invalid.field()).isEqualTo("challengerShare"));
    }
}
