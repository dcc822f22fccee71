package org.attest.tool.lti;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses Attest may call: an address is public, or it is in a range that must not be
 * reached from a public tool (SSRF targets), either always (metadata services, unspecified,
 * multicast, broadcast, reserved) or unless {@code attest.platform-http.allow-private-networks}
 * (loopback, private, link-local, carrier-grade NAT, documentation and benchmark ranges). IPv6
 * addresses that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by
 * the IPv4 address they carry.
 */
final class EgressAddresses {

    /** How an address may be used. */
    enum Verdict {
        PUBLIC,
        /** Allowed only with attest.platform-http.allow-private-networks=true. */
        PRIVATE,
        /** Never called. */
        FORBIDDEN
    }

    /** The verdict on one address, with the kind of range it is in. */
    record Judgement(Verdict verdict, String range) {
    }

    /** Cloud instance metadata services (AWS, GCP, Azure, Oracle, Alibaba, ECS task metadata): never called. */
    private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "169.254.170.2", "169.254.169.253",
            "100.100.100.200", "fd00:ec2:0:0:0:0:0:254", "192.0.0.192");

    /** Host names of metadata services, refused before they are resolved. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "metadata.azure.com", "instance-data", "instance-data.ec2.internal", "metadata.packet.net");

    private EgressAddresses() {
    }

    /** Whether the host name names a cloud metadata service (checked before resolving it). */
    static boolean isMetadataName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return METADATA_NAMES.contains(h);
    }

    static Judgement judge(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return judge4(v4.getAddress());
        }
        byte[] a = address.getAddress();
        String canonical = canonical6(a);
        if (METADATA_ADDRESSES.contains(canonical)) {
            return forbidden("cloud metadata");
        }
        if (allZero(a, 0, 16)) {
            return forbidden("unspecified");
        }
        if (allZero(a, 0, 15) && a[15] == 1) {
            return privateRange("loopback");
        }
        // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64)
        if (allZero(a, 0, 10) && ((a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0))) {
            return embedded(a, 12, "IPv4-mapped");
        }
        if (a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b) {
            return embedded(a, 12, "NAT64");
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return embedded(a, 2, "6to4");
        }
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~a[12 + i];
            }
            Judgement server = judge4(new byte[] {a[4], a[5], a[6], a[7]});
            Judgement inner = judge4(client);
            Judgement worse = inner.verdict().compareTo(server.verdict()) >= 0 ? inner : server;
            return worse.verdict() == Verdict.PUBLIC ? worse : new Judgement(worse.verdict(), "Teredo carrying " + worse.range());
        }
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        if (first == 0xff) {
            return forbidden("multicast");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return privateRange("link-local");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return privateRange("site-local");
        }
        if ((first & 0xfe) == 0xfc) {
            return privateRange("unique local (private)");
        }
        if (first == 0x20 && second == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return privateRange("documentation");
        }
        if (first == 0x20 && second == 0x01 && a[2] == 0 && a[3] == 0x02 && a[4] == 0 && a[5] == 0) {
            return privateRange("benchmarking");
        }
        if (first == 0x01 && second == 0 && allZero(a, 2, 8)) {
            return forbidden("discard-only");
        }
        if (first < 0x20 || first > 0x3f) {
            return forbidden("reserved (not global unicast)");
        }
        return new Judgement(Verdict.PUBLIC, "public");
    }

    private static Judgement judge4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        int b3 = a[3] & 0xff;
        String dotted = b0 + "." + b1 + "." + b2 + "." + b3;
        if (METADATA_ADDRESSES.contains(dotted)) {
            return forbidden("cloud metadata");
        }
        if (b0 == 0) {
            return forbidden(dotted.equals("0.0.0.0") ? "unspecified" : "this-network (0.0.0.0/8)");
        }
        if (b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255) {
            return forbidden("broadcast");
        }
        if (b0 >= 224 && b0 <= 239) {
            return forbidden("multicast");
        }
        if (b0 >= 240) {
            return forbidden("reserved (240.0.0.0/4)");
        }
        if (b0 == 127) {
            return privateRange("loopback");
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return privateRange("private");
        }
        if (b0 == 169 && b1 == 254) {
            return privateRange("link-local");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return privateRange("carrier-grade NAT");
        }
        if (b0 == 198 && (b1 == 18 || b1 == 19)) {
            return privateRange("benchmarking");
        }
        if ((b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return privateRange("documentation");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return privateRange("IETF protocol assignments");
        }
        if (b0 == 192 && b1 == 88 && b2 == 99) {
            return forbidden("reserved (6to4 relay anycast)");
        }
        return new Judgement(Verdict.PUBLIC, "public");
    }

    private static Judgement embedded(byte[] a, int from, String how) {
        Judgement inner = judge4(new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]});
        return inner.verdict() == Verdict.PUBLIC ? inner : new Judgement(inner.verdict(), how + " " + inner.range());
    }

    private static Judgement forbidden(String range) {
        return new Judgement(Verdict.FORBIDDEN, range);
    }

    private static Judgement privateRange(String range) {
        return new Judgement(Verdict.PRIVATE, range);
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String canonical6(byte[] a) {
        try {
            return Inet6Address.getByAddress(null, a).getHostAddress().replaceAll("%.*$", "");
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
