package io.flk.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Request bodies are read strictly: text fields take JSON strings only ({@code allow-coercion-of-scalars:
     * false} still turns 42 or true into "42" or "true"), and a member named twice is refused rather than the
     * last one silently winning. Only request bodies: the shared ObjectMapper also serializes Axon messages.
     */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.stream()
                        .filter(MappingJackson2HttpMessageConverter.class::isInstance)
                        .map(MappingJackson2HttpMessageConverter.class::cast)
                        .forEach(converter -> {
                            ObjectMapper strict = converter.getObjectMapper().copy()
                                    .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
                            strict.coercionConfigFor(LogicalType.Textual)
                                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                            converter.setObjectMapper(strict);
                        });
            }
        };
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
