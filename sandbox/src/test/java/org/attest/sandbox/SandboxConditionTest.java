package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mock.env.MockEnvironment;

/** When the sandbox runs: only where nobody else can reach it, unless forced; never in prod. */
class SandboxConditionTest {

    private static boolean runs(MockEnvironment environment) {
        ConditionContext context = mock(ConditionContext.class);
        when(context.getEnvironment()).thenReturn(environment);
        return new SandboxCondition().matches(context, mock(AnnotatedTypeMetadata.class));
    }

    private static MockEnvironment listeningOn(String address) {
        MockEnvironment environment = new MockEnvironment();
        if (address != null) {
            environment.setProperty("server.address", address);
        }
        return environment;
    }

    @Test
    void runsByDefaultWhenAttestListensOnlyOnLoopback() {
        assertThat(runs(listeningOn("127.0.0.1"))).isTrue();
        assertThat(runs(listeningOn("::1"))).isTrue();
        assertThat(runs(listeningOn("[::1]"))).isTrue();
        assertThat(runs(listeningOn("localhost"))).isTrue();
        assertThat(runs(listeningOn("127.0.0.1").withProperty("attest.sandbox.enabled", "auto"))).isTrue();
    }

    @Test
    void staysOffByDefaultOnEveryInterfaceOrAnotherAddress() {
        assertThat(runs(listeningOn(null))).as("unset: every interface").isFalse();
        assertThat(runs(listeningOn("0.0.0.0"))).isFalse();
        assertThat(runs(listeningOn("::"))).isFalse();
        assertThat(runs(listeningOn("192.168.1.20"))).isFalse();
        assertThat(runs(listeningOn("attest.college.ac.uk"))).as("a host name is not trusted to be loopback").isFalse();
    }

    @Test
    void forcedItRunsAnywhereAndIsMarkedExposedOffLoopback() {
        MockEnvironment exposed = listeningOn("0.0.0.0").withProperty("attest.sandbox.enabled", "true");
        assertThat(runs(exposed)).isTrue();
        assertThat(SandboxCondition.decide(exposed).exposed()).as("the start logs the loud warning").isTrue();
        assertThat(SandboxCondition.decide(listeningOn("127.0.0.1").withProperty("attest.sandbox.enabled", "true")).exposed()).isFalse();
    }

    @Test
    void falseTurnsItOffEvenOnLoopback() {
        assertThat(runs(listeningOn("127.0.0.1").withProperty("attest.sandbox.enabled", "false"))).isFalse();
    }

    @Test
    void neverRunsInProdAndForcingItThereStopsTheStart() {
        MockEnvironment prod = listeningOn("127.0.0.1");
        prod.setActiveProfiles("prod");
        assertThat(runs(prod)).isFalse();

        prod.setProperty("attest.sandbox.enabled", "true");
        assertThatThrownBy(() -> runs(prod)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("attest.sandbox.enabled=true is not allowed in the prod profile");
    }

    @Test
    void anUnknownSettingStopsTheStartWithTheChoices() {
        assertThatThrownBy(() -> runs(listeningOn("127.0.0.1").withProperty("attest.sandbox.enabled", "yes")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be auto, true or false; was 'yes'");
    }
}
