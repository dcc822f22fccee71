package org.attest.tool.lti;

import org.attest.tool.lti.internal.LaunchSessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Adds LTI 1.3 launch authentication to a filter chain:
 * {@code http.with(ltiConfigurer, Customizer.withDefaults())}. The launch filter validates
 * platform posts to /lti/launch; the session filter signs in the tool's pages under /s/{token}/;
 * the API token filter signs in scripts under /admin/api/.
 */
public final class LtiConfigurer extends AbstractHttpConfigurer<LtiConfigurer, HttpSecurity> {

    private final LaunchValidator validator;
    private final LaunchSessions sessions;
    private final LaunchPages pages;
    private final PlatformRegistry platforms;
    private final ApiTokens apiTokens;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<LaunchRouting> routing;

    LtiConfigurer(LaunchValidator validator, LaunchSessions sessions, LaunchPages pages, PlatformRegistry platforms,
            ApiTokens apiTokens, ApplicationEventPublisher events, ObjectProvider<LaunchRouting> routing) {
        this.events = events;
        this.routing = routing;
        this.validator = validator;
        this.sessions = sessions;
        this.pages = pages;
        this.platforms = platforms;
        this.apiTokens = apiTokens;
    }

    @Override
    public void configure(HttpSecurity http) {
        ProviderManager manager = new ProviderManager(new LtiLaunchAuthenticationProvider(validator));
        // After the header writer, so the pages these filters write themselves (launch refusals) carry the security headers too.
        http.addFilterAfter(new LaunchSessionFilter(sessions), HeaderWriterFilter.class);
        http.addFilterAfter(new LtiLaunchFilter(manager, sessions, pages, platforms, events, routing), LaunchSessionFilter.class);
        http.addFilterAfter(new ApiTokenFilter(apiTokens), LtiLaunchFilter.class);
    }
}
