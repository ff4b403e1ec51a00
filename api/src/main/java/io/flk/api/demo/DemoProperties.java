package io.flk.api.demo;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flk.demo.*}: synthetic traffic for a first look at the product.
 *
 * @param enabled           seeds the demo tenants and drives traffic when true
 * @param tenants           demo tenants; the first keeps the default policy, the others hold a larger control group
 * @param tasksPerSecond    verifications per second over all tenants
 * @param hallucinationRate share of tasks whose answer is the hallucinated one
 * @param reviewSampleRate  share of passed tasks a human reviews
 * @param reviewDelay       how long after a decision its human label arrives
 * @param hrsTrainingAfter  when the first tenant's first HRS training starts, on the labels gathered by then
 */
@ConfigurationProperties("flk.demo")
public record DemoProperties(boolean enabled, List<String> tenants, double tasksPerSecond, double hallucinationRate,
                             double reviewSampleRate, Duration reviewDelay, Duration hrsTrainingAfter) {
}
