package org.attest.tool.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a rate limit counts a request against. It is the peer's address, or, behind a proxy
 * listed in {@code server.tomcat.remoteip.internal-proxies}, the address that proxy put in
 * {@code X-Forwarded-For} (Tomcat's RemoteIpValve has already replaced it). An IPv6 client is counted
 * by its /64 network: one household or server is given a whole /64, so single addresses are free to it.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "unknown" : address;
        }
        try {
            // A literal: no name lookup happens.
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
