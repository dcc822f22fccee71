package org.attest.bench.portfolio;

import java.util.UUID;

/**
 * Identifiers of generated rows, derived from the seed and the row's coordinates rather than
 * remembered: the evidence a decision relies on, or the learner unit an evidence row belongs to, is
 * recomputed where it is needed. They look like the tool's own (random, version 4) UUIDs.
 */
final class Ids {

    static final int LEARNER_UNIT = 1;
    static final int EVIDENCE = 2;
    static final int FILE = 4;
    static final int DECISION = 5;
    static final int SIGNATURE = 6;

    private Ids() {
    }

    /** SplitMix64's finaliser: a cheap, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static UUID of(long seed, int kind, long a, long b) {
        long h1 = mix(seed ^ mix(kind * 0x9E3779B97F4A7C15L ^ mix(a + 0x632BE59BD9B4E019L) ^ mix(~b)));
        long h2 = mix(h1 ^ 0xD1B54A32D192ED03L);
        return new UUID((h1 & ~0xF000L) | 0x4000L, (h2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    static UUID learnerUnit(long seed, long learnerUnit) {
        return of(seed, LEARNER_UNIT, learnerUnit, 0);
    }

    /** Evidence piece {@code piece} of a learner unit, version 1 or 2. Version 1's id is also the lineage. */
    static UUID evidence(long seed, long learnerUnit, int piece, int version) {
        return of(seed, EVIDENCE, learnerUnit, piece * 4L + version);
    }
}
