package io.flk.api.demo;

import io.flk.api.hrs.HrsTrainingService;
import io.flk.api.verification.VerificationService;
import io.flk.domain.verification.CostModel;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Demo mode, off unless {@code flk.demo.enabled=true} (README, "Demo mode"). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "flk.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    DemoTraffic demoTraffic(DemoProperties properties, VerificationService verification, CommandGateway commands,
                            HrsTrainingService hrsTrainings, CostModel costs, Clock clock) {
        return new DemoTraffic(properties, verification, commands, hrsTrainings, costs, clock);
    }
}
