package io.flk.api.web;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** These filters run inside the security chain (see SecurityConfiguration), not a second time around it. */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> sizeLimitOutsideSecurityChain(RequestSizeLimitFilter filter) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyOutsideSecurityChain(IdempotencyFilter filter) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
