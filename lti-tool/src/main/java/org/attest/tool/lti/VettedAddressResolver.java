package org.attest.tool.lti;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a platform's host for the HTTP client and hands back only addresses the egress policy
 * allows, so the connection goes to the very address that was checked (no second lookup that a
 * DNS rebinding could answer differently). When any address of the host is refused, the host is.
 */
final class VettedAddressResolver implements DnsResolver {

    /** The host resolves to an address the policy refuses; nothing was sent. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    static final String ALLOW_SETTING = "attest.platform-http.allow-private-networks";

    private final boolean allowPrivateNetworks;

    VettedAddressResolver(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (EgressAddresses.isMetadataName(name)) {
            throw new RefusedAddress(host + " is a cloud metadata service, which Attest never calls");
        }
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            EgressAddresses.Judgement judgement = EgressAddresses.judge(address);
            String where = name.equals(address.getHostAddress()) ? host : host + " resolves to " + address.getHostAddress() + ", which";
            switch (judgement.verdict()) {
                case FORBIDDEN -> throw new RefusedAddress(where + " is " + article(judgement.range()) + " address, which Attest never calls");
                case PRIVATE -> {
                    if (!allowPrivateNetworks) {
                        throw new RefusedAddress(where + " is " + article(judgement.range()) + " address; Attest calls loopback, "
                                + "private and link-local addresses only with " + ALLOW_SETTING + "=true (set it when the LMS is "
                                + "on your own network)");
                    }
                }
                case PUBLIC -> {
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        resolve(host);
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    private static String article(String range) {
        return ("aeiou".indexOf(Character.toLowerCase(range.charAt(0))) >= 0 ? "an " : "a ") + range;
    }
}
