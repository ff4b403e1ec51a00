package io.flk.api.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flk.simulations.*}: what-if simulations (defaults in application.yml, documented in the README).
 *
 * @param maxConcurrent     runs at once on an instance; one more is refused with 503
 * @param fetchSize         event rows per round trip to PostgreSQL
 * @param maxLabelledTasks  labelled or disagreeing tasks a run holds in memory (about 25 bytes each)
 * @param heartbeatInterval how often a run records its progress and reads whether it was cancelled
 * @param silentAfter       a run not heard of for this long is ended as FAILED: its instance stopped
 * @param instanceId        names this instance's runs, so that a restart ends those it left running; blank: the
 *                          host name (instances sharing a host and a database must each set their own)
 */
@ConfigurationProperties("flk.simulations")
public record SimulationProperties(int maxConcurrent, int fetchSize, int maxLabelledTasks, Duration heartbeatInterval,
                                   Duration silentAfter, String instanceId) {
}
