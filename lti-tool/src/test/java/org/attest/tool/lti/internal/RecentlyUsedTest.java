package org.attest.tool.lti.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentlyUsedTest {

    /**
     * The launch workload: a full memo of sessions that were each read more than once, then a stream of new sessions,
     * each remembered at its launch and read by its landing page while 64 other launches are in flight. Every landing
     * finds its principal (Caffeine 3.2's frequency-admitted cache of the same size found 3,719 of the 4,936).
     */
    @Test
    void anEntryWrittenOnceIsFoundSoonAfterThoughTheMemoIsFullOfEntriesReadMoreOften() {
        RecentlyUsed<String, String> memo = new RecentlyUsed<>(2_000);
        for (int i = 0; i < 2_000; i++) {
            memo.put("old-" + i, "p");
            memo.get("old-" + i);
            memo.get("old-" + i);
        }
        int found = 0;
        for (int i = 0; i < 5_000; i++) {
            memo.put("new-" + i, "p" + i);
            if (i >= 64 && ("p" + (i - 64)).equals(memo.get("new-" + (i - 64)))) {
                found++;
            }
        }
        assertThat(found).isEqualTo(5_000 - 64);
        assertThat(memo.size()).isEqualTo(2_000);
    }

    @Test
    void whenFullTheLeastRecentlyUsedEntryGoes() {
        RecentlyUsed<String, String> memo = new RecentlyUsed<>(2);
        memo.put("a", "1");
        memo.put("b", "2");
        memo.get("a");
        memo.put("c", "3");
        assertThat(memo.get("b")).isNull();
        assertThat(memo.get("a")).isEqualTo("1");
        assertThat(memo.get("c")).isEqualTo("3");
        memo.remove("a");
        assertThat(memo.get("a")).isNull();
        memo.clear();
        assertThat(memo.size()).isZero();
    }

    @Test
    void aMemoKeepsAtLeastOneEntry() {
        assertThatThrownBy(() -> new RecentlyUsed<>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
