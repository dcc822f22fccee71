package org.attest.tool.lti;

import org.attest.tool.lti.internal.LaunchSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LtiConfigurerFactory {

    @Bean
    LtiConfigurer ltiConfigurer(LaunchValidator validator, LaunchSessions sessions, LaunchPages pages, PlatformRegistry platforms,
            ApiTokens apiTokens, ApplicationEventPublisher events, ObjectProvider<LaunchRouting> routing) {
        return new LtiConfigurer(validator, sessions, pages, platforms, apiTokens, events, routing);
    }
}
