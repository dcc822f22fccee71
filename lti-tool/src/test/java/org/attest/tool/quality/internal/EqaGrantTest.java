package org.attest.tool.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where a grant stands on a day, what it covers, and the secrets it is signed in with. */
class EqaGrantTest {

    static final LocalDate START = LocalDate.of(2026, 12, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 3);

    @Test
    void aGrantIsActiveFromItsFirstToItsLastDayInclusiveAndRevokedWinsOverEverything() {
        EqaGrant grant = grant(List.of(), null, null);
        assertThat(grant.status(START.minusDays(1))).isEqualTo(EqaGrant.Status.NOT_STARTED);
        assertThat(grant.status(START)).isEqualTo(EqaGrant.Status.ACTIVE);
        assertThat(grant.status(END)).isEqualTo(EqaGrant.Status.ACTIVE);
        assertThat(grant.status(END.plusDays(1))).isEqualTo(EqaGrant.Status.EXPIRED);
        assertThat(grant(List.of(), null, Instant.now()).status(START)).isEqualTo(EqaGrant.Status.REVOKED);
    }

    @Test
    void noUnitCodesMeansEveryUnitAndAPlanMeansItsSampleOnly() {
        assertThat(grant(List.of(), null, null).coversUnitCode("301")).isTrue();
        assertThat(grant(List.of("224"), null, null).coversUnitCode("301")).isFalse();
        assertThat(grant(List.of("224"), null, null).coversUnitCode("224")).isTrue();
        assertThat(grant(List.of(), UUID.randomUUID(), null).sampleOnly()).isTrue();
        assertThat(grant(List.of(), null, null).subject()).startsWith("eqa:");
    }

    @Test
    void linksCarry256RandomBitsAndCodesAreEightCharactersWithoutLookalikes() {
        Set<String> links = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String link = EqaGrants.newLink();
            assertThat(link).matches("[A-Za-z0-9_-]{43}");
            links.add(link);
            assertThat(EqaGrants.newCode()).matches("[A-HJKMNP-Z2-9]{8}").doesNotContain("0", "O", "1", "I", "L");
        }
        assertThat(links).hasSize(200);
        assertThat(EqaGrants.hash("x")).hasSize(64).isNotEqualTo(EqaGrants.hash("y"));
    }

    private static EqaGrant grant(List<String> units, UUID plan, Instant revoked) {
        return new EqaGrant(UUID.randomUUID(), UUID.randomUUID(), "Erin", "erin@example.org", "Pearson", UUID.randomUUID(),
                units, plan, START, END, Instant.now(), true, 0, null, revoked, null, "admin", Instant.now());
    }
}
