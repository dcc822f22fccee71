package org.attest.tool.lti.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded memo that keeps the most recently used entries and drops the least recently used one when full.
 *
 * <p>It exists for the one memo whose entries are each written once and read soon after: a session's principal is
 * remembered when the launch starts the session, and read by the page the launch lands on a few milliseconds later.
 * Caffeine, used for the other memos, admits a new entry into a full cache only when it has been used more often
 * than the entry it would evict; a principal remembered once loses that contest to sessions read twice, so under a
 * steady stream of launches many landing pages parsed the principal again (one in four in
 * {@code RecentlyUsedTest}'s workload; the parse was 5 % of the tool's CPU per full launch in the launch benchmark).
 * Recency is the right rule here.
 */
final class RecentlyUsed<K, V> {

    private final Map<K, V> entries;

    RecentlyUsed(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a memo keeps at least one entry, not " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
