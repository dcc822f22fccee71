package org.attest.standards;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5) so the same document always yields the same identifiers:
 * a framework's id comes from its key, and every item's id from the framework id (as namespace),
 * the unit code and the item's code.
 */
public final class StableIds {

    /** Attest's root namespace; fixed forever, every framework id derives from it. */
    static final UUID ATTEST_NAMESPACE = UUID.fromString("5b0f6f2e-8f55-4f8e-9a43-3f1d7f6c2a10");

    private StableIds() {
    }

    public static UUID framework(String key) {
        return nameBased(ATTEST_NAMESPACE, "framework:" + key);
    }

    public static UUID unit(UUID framework, String unitCode) {
        return nameBased(framework, "unit:" + unitCode);
    }

    /** An element, criterion or range item: "224" + "224.1.1", or "224" + "range:1a". */
    public static UUID item(UUID framework, String unitCode, String itemCode) {
        return nameBased(framework, unitCode + ":" + itemCode);
    }

    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
