package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Platform URLs judged by their parsed parts, never by text prefixes or "same domain". */
class PlatformUrlsTest {

    static boolean issuerAccepted(String issuer, String configurationUrl) {
        return PlatformUrls.issuerProblem(issuer, configurationUrl).isEmpty();
    }

    @Test
    void anIssuerMatchesTheConfigurationUrlsSchemeHostAndPortAndLiesAboveItsPath() {
        assertThat(issuerAccepted("https://moodle.college.ac.uk", "https://moodle.college.ac.uk/mod/lti/openid-configuration.php")).isTrue();
        assertThat(issuerAccepted("https://moodle.college.ac.uk/", "https://moodle.college.ac.uk/mod/lti/openid-configuration.php")).isTrue();
        assertThat(issuerAccepted("https://lms.college.ac.uk/moodle", "https://lms.college.ac.uk/moodle/mod/lti/config.php")).isTrue();
        assertThat(issuerAccepted("https://LMS.College.ac.uk", "https://lms.college.ac.uk/config")).as("host in any case").isTrue();
        assertThat(issuerAccepted("https://lms.college.ac.uk:443", "https://lms.college.ac.uk/config")).as("default port").isTrue();
        assertThat(issuerAccepted("http://127.0.0.1:80/x", "http://127.0.0.1/x/config")).as("default port").isTrue();
    }

    @Test
    void portSchemeHostPrefixAndSameDomainTricksAreRefused() {
        assertThat(issuerAccepted("http://localhost:8282/sandbox", "http://localhost:18902/sandbox/config")).as("port").isFalse();
        assertThat(issuerAccepted("http://127.0.0.1:1", "http://127.0.0.1:18904/config")).as("text prefix of the port").isFalse();
        assertThat(issuerAccepted("https://lms.college.ac.uk/mood", "https://lms.college.ac.uk/moodle/config")).as("path boundary").isFalse();
        assertThat(issuerAccepted("https://moodle.college.ac.uk", "https://evil.college.ac.uk/config")).as("same registrable domain").isFalse();
        assertThat(issuerAccepted("http://lms.college.ac.uk", "https://lms.college.ac.uk/config")).as("scheme").isFalse();
        assertThat(issuerAccepted("https://lms.college.ac.uk", "https://lms.college.ac.uk.evil.example/config")).as("host prefix").isFalse();
    }

    @Test
    void userinfoQueriesAndFragmentsAreRefused() {
        assertThat(issuerAccepted("http://lms.college.ac.uk", "http://lms.college.ac.uk@127.0.0.1:18903/config")).isFalse();
        assertThat(issuerAccepted("https://canvas.instructure.com", "https://canvas.instructure.com@evil.example/config")).isFalse();
        assertThat(issuerAccepted("https://a@lms.college.ac.uk", "https://lms.college.ac.uk/config")).isFalse();
        assertThat(issuerAccepted("https://lms.college.ac.uk/?x=1", "https://lms.college.ac.uk/config")).isFalse();
        assertThat(issuerAccepted("https://lms.college.ac.uk/#x", "https://lms.college.ac.uk/config")).isFalse();
    }

    @Test
    void hostedCanvasSharesOneIssuerAcrossInstitutionHostsOnInstructureOnly() {
        assertThat(issuerAccepted("https://canvas.instructure.com", "https://college.instructure.com/api/lti/security/openid-configuration")).isTrue();
        assertThat(issuerAccepted("https://canvas.instructure.com", "https://college.instructure.com.evil.example/config")).isFalse();
        assertThat(issuerAccepted("https://canvas.instructure.com", "http://college.instructure.com/config")).isFalse();
        assertThat(issuerAccepted("https://canvas.instructure.com", "https://college.instructure.com:8443/config")).isFalse();
    }

    @Test
    void platformAddressesAreHttpsWithHttpOnlyForLoopbackOutsideProd() {
        PlatformUrls development = new PlatformUrls(true);
        PlatformUrls prod = new PlatformUrls(false);

        assertThat(development.problem("https://lms.college.ac.uk/certs")).isEmpty();
        assertThat(development.problem("http://127.0.0.1:8081/certs")).isEmpty();
        assertThat(development.problem("http://localhost:8080/sandbox/jwks")).isEmpty();
        assertThat(development.problem("http://[::1]:8080/certs")).isEmpty();
        assertThat(development.problem("http://lms.college.ac.uk/certs")).isPresent();
        assertThat(prod.problem("http://127.0.0.1:8081/certs")).isPresent();
        assertThat(prod.problem("https://lms.college.ac.uk/certs")).isEmpty();
        for (String bad : new String[] {"javascript:alert(1)", "file:///etc/passwd", "ftp://lms.college.ac.uk/certs",
                "gopher://127.0.0.1:70/", "data:text/html,x", "https://canvas.instructure.com@evil.example/", "/relative", ""}) {
            assertThat(development.problem(bad)).as(bad).isPresent();
        }
    }
}
