package org.attest.tool.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an external verifier's view records as its path: never the session token. */
class AccessRecordsPathTest {

    @Test
    void theSessionTokenIsDroppedFromARecordedPath() {
        String token = "a".repeat(64);
        assertThat(AccessRecords.withoutSession("/s/" + token + "/portfolio/42")).isEqualTo("/portfolio/42");
        assertThat(AccessRecords.withoutSession("/s/" + token)).isEqualTo("/");
        assertThat(AccessRecords.withoutSession("/s/" + token + "/")).isEqualTo("/");
        assertThat(AccessRecords.withoutSession("/eqa/x")).isEqualTo("/eqa/x");
        assertThat(AccessRecords.withoutSession("/s/" + token + "/files/" + "b".repeat(600))).hasSize(500);
    }
}
