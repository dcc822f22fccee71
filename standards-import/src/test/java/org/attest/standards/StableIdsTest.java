package org.attest.standards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StableIdsTest {

    @Test
    void matchesTheRfcNameBasedSha1Example() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        assertThat(StableIds.nameBased(dns, "www.example.com")).hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void sameFrameworkUnitAndCodeGiveTheSameIdAndOthersDiffer() {
        UUID framework = StableIds.framework("Level 2 N/SVQ in Customer Service");

        assertThat(StableIds.item(framework, "224", "224.1.1")).isEqualTo(StableIds.item(framework, "224", "224.1.1"));
        assertThat(StableIds.item(framework, "224", "224.1.1")).isNotEqualTo(StableIds.item(framework, "224", "224.1.2"));
        assertThat(StableIds.item(StableIds.framework("Other"), "224", "224.1.1"))
                .isNotEqualTo(StableIds.item(framework, "224", "224.1.1"));
    }
}
