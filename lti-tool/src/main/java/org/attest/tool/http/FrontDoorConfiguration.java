package org.attest.tool.http;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Names each request (its id in every log line), then puts the size and rate limits in front of Spring Security, so a
 * refused request costs no more than its headers.
 */
@Configuration(proxyBeanMethods = false)
class FrontDoorConfiguration {

    /** First of all filters, so every log line of a request, including a refusal's, carries its id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter(properties.trustRequestId()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        // The error page Tomcat renders after a request failed logs under the failed request's id too.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(HttpProperties properties, RefusalPages pages) {
        FilterRegistrationBean<RequestSizeFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeFilter(properties.maxRequestSize(), pages));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits, RefusalPages pages) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(limits, pages));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
