package io.flk.api.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Long-lived aggregates (tenants, HRS model lines, rollout lanes, ensemble policies) are snapshotted every
 * {@code flk.axon.snapshot-threshold} events so that loading them stays one snapshot plus a short tail.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfiguration {

    @Bean(io.flk.commands.tenant.Tenant.SNAPSHOTS)
    SnapshotTriggerDefinition longLivedAggregateSnapshots(Snapshotter snapshotter,
                                                          @Value("${flk.axon.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
