/**
 * LTI 1.3 as a tool sees it: the platforms Attest trusts (registered by hand or by Dynamic Registration), the OIDC
 * login and every check of a launch, the session a launch starts, the tool's signing keys, the only way Attest calls
 * a platform (the egress policy of {@code PlatformHttp}), who administers what, and where a launch lands. Nothing here
 * depends on another module.
 *
 * <p><b>API</b> (this package), what other modules use:
 * <ul>
 * <li>who launched and as what: {@link org.attest.tool.lti.LtiPrincipal}, {@link org.attest.tool.lti.AttestRole},
 *     {@link org.attest.tool.lti.LtiAuthentication}, and the event {@link org.attest.tool.lti.LaunchAccepted};
 *     {@link org.attest.tool.lti.SessionStarter} starts a session for someone who signs in without a launch (an
 *     external verifier with a centre's grant);</li>
 * <li>platforms and calling them: {@link org.attest.tool.lti.Platform}, {@link org.attest.tool.lti.PlatformRegistry},
 *     {@link org.attest.tool.lti.ProductFamilies}, {@link org.attest.tool.lti.PlatformHttp},
 *     {@link org.attest.tool.lti.SigningKeys} (the tool's keys, for service tokens; stored encrypted with the
 *     operator's key-encryption key, {@code attest.keys.*});</li>
 * <li>where a launch lands and what it places: {@link org.attest.tool.lti.LaunchRouting} with the ports
 *     {@link org.attest.tool.lti.CourseLinks} that other modules answer, and
 *     {@link org.attest.tool.lti.DeepLinkingResponse};</li>
 * <li>administration shared by every module's admin pages: {@link org.attest.tool.lti.AdminScope},
 *     {@link org.attest.tool.lti.AdminPages} and {@link org.attest.tool.lti.AdminPage},
 *     {@link org.attest.tool.lti.AdminRefused}, {@link org.attest.tool.lti.PlatformAdministration} (which platforms an
 *     administrator manages), {@link org.attest.tool.lti.ApiTokens};</li>
 * <li>wiring for the security filter chain and configuration: {@link org.attest.tool.lti.LtiConfigurer},
 *     {@link org.attest.tool.lti.ContentSecurityPolicy}, {@link org.attest.tool.lti.LaunchPages},
 *     {@link org.attest.tool.lti.LtiProperties}.</li>
 * </ul>
 *
 * <p><b>Inside</b>: the package-private classes here are the launch itself (the login and launch endpoints, filters,
 * {@code LaunchValidator}, {@code LaunchClaims}, {@code LoginStates}, {@code LaunchFailure}), Dynamic Registration,
 * platform keys and the egress checks; {@code internal} holds what only the admin pages use and the stores of sessions
 * and one-time tokens; {@code web} holds the platform, tool-key and service-origin admin pages.
 */
package org.attest.tool.lti;
