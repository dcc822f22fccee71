package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** attest.admin.loopback-api-token signs in only while Attest listens on loopback alone, never in prod, and only if well formed. */
class LoopbackApiTokenTest {

    static final String TOKEN = "attest_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";

    private static MockEnvironment listeningOn(String address) {
        MockEnvironment environment = new MockEnvironment().withProperty(LoopbackApiToken.PROPERTY, TOKEN);
        return address == null ? environment : environment.withProperty("server.address", address);
    }

    @Test
    void signsInWhileAttestListensOnLoopbackOnly() {
        for (String loopback : new String[] {"127.0.0.1", "::1", "[::1]", "localhost"}) {
            LoopbackApiToken token = new LoopbackApiToken(listeningOn(loopback));
            assertThat(token.matches(TOKEN)).as(loopback).isTrue();
            assertThat(token.matches(TOKEN + "x")).as(loopback).isFalse();
            assertThat(token.matches("attest_" + "j".repeat(43))).as(loopback).isFalse();
        }
    }

    @Test
    void isIgnoredOnAnAddressOtherMachinesReachOrInTheProdProfile() {
        for (String exposed : new String[] {null, "", "0.0.0.0", "10.0.0.5", "::", "attest.example.org"}) {
            assertThat(new LoopbackApiToken(listeningOn(exposed)).matches(TOKEN)).as(String.valueOf(exposed)).isFalse();
        }
        MockEnvironment prod = listeningOn("127.0.0.1");
        prod.setActiveProfiles("prod");
        assertThat(new LoopbackApiToken(prod).matches(TOKEN)).isFalse();
    }

    @Test
    void judgesTheListenAddressAsTheSandboxDoes() {
        for (String loopback : new String[] {"::ffff:127.0.0.1", "0::1", "127.0.0.2", " 127.0.0.1 "}) {
            assertThat(new LoopbackApiToken(listeningOn(loopback)).matches(TOKEN)).as(loopback).isTrue();
        }
        for (String named : new String[] {"attest.localhost", "localhost.example.org"}) {
            assertThat(new LoopbackApiToken(listeningOn(named)).matches(TOKEN)).as("a host name is not resolved: " + named).isFalse();
        }
    }

    @Test
    void isOffWhenUnsetAndAMalformedOneStopsAttestWithTheSettingsName() {
        assertThat(new LoopbackApiToken(new MockEnvironment().withProperty("server.address", "127.0.0.1")).matches(TOKEN)).isFalse();
        for (String weak : new String[] {"secret", "attest_short", "x".repeat(50)}) {
            assertThatThrownBy(() -> new LoopbackApiToken(listeningOn("127.0.0.1").withProperty(LoopbackApiToken.PROPERTY, weak)))
                    .hasMessageContaining(LoopbackApiToken.PROPERTY + " must be 'attest_' followed by 32");
        }
    }
}
