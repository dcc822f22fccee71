package org.attest.tool.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import java.util.Map;
import org.attest.tool.lti.ContentSecurityPolicy;
import org.attest.tool.lti.LaunchPages;
import org.attest.tool.lti.LtiConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * One filter chain. Nothing in Attest authenticates with a cookie: LTI launches authenticate by
 * id_token, and the pages of a launch by the unguessable session token in their URL. So there is
 * no HTTP session, and no ambient credential for a cross-site request to ride on (CSRF tokens would
 * protect nothing). Pages may be framed only by registered LMSs and run only Attest's own scripts
 * ({@link ContentSecurityPolicy}); referrers are never sent, so the token in the URL does not leak to other sites. Scripts call {@code /admin/api/} with an API token in the
 * Authorization header, which a browser never adds on its own either.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Pattern API = Pattern.compile("(/s/[^/]+)?/admin/api(/.*)?");

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, LtiConfigurer lti, LaunchPages pages, ContentSecurityPolicy csp,
            ManagementPort management) throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.disable())
                        // A page that set its own policy (evidence files are served sandboxed) keeps it.
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("Content-Security-Policy")) {
                                response.setHeader("Content-Security-Policy", csp.policy());
                            }
                        })
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth
                        // The probes answer anyone with their status alone; the rest of the actuator only on its own port.
                        .requestMatchers(HttpMethod.GET, "/livez", "/readyz").permitAll()
                        .requestMatchers(management::onManagementPort).permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .requestMatchers("/s/*/admin/**", "/admin/api/**").hasRole("CENTRE_ADMIN")
                        .requestMatchers("/s/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> refuse(request, response, pages,
                                HttpServletResponse.SC_UNAUTHORIZED, "lti/session-ended",
                                "this Attest session has ended; open the activity from the LMS again"))
                        .accessDeniedHandler((request, response, ex) -> refuse(request, response, pages,
                                HttpServletResponse.SC_FORBIDDEN, "lti/forbidden", "your role does not give access to this")))
                .with(lti, Customizer.withDefaults());
        return http.build();
    }

    /** The JSON API answers in JSON; pages answer with the one error page. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, LaunchPages pages, int status,
            String template, String sentence) throws IOException {
        if (API.matcher(request.getServletPath()).matches()) {
            response.setStatus(status);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\": \"" + sentence + "\"}");
            return;
        }
        pages.render(response, status, template, Map.of());
    }
}
