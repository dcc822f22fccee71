package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses the egress policy lets Attest call, refuses unless private networks are allowed, or never calls. */
class EgressAddressesTest {

    @ParameterizedTest(name = "{0} is {1} ({2})")
    @CsvSource({
            // IPv4
            "127.0.0.1, PRIVATE, loopback",
            "127.255.255.254, PRIVATE, loopback",
            "10.0.0.1, PRIVATE, private",
            "172.16.0.1, PRIVATE, private",
            "172.31.255.255, PRIVATE, private",
            "192.168.1.1, PRIVATE, private",
            "169.254.1.1, PRIVATE, link-local",
            "100.64.0.1, PRIVATE, carrier-grade NAT",
            "100.127.255.255, PRIVATE, carrier-grade NAT",
            "198.18.0.1, PRIVATE, benchmarking",
            "192.0.2.10, PRIVATE, documentation",
            "203.0.113.5, PRIVATE, documentation",
            "192.0.0.8, PRIVATE, IETF protocol assignments",
            "169.254.169.254, FORBIDDEN, cloud metadata",
            "169.254.170.2, FORBIDDEN, cloud metadata",
            "100.100.100.200, FORBIDDEN, cloud metadata",
            "0.0.0.0, FORBIDDEN, unspecified",
            "0.1.2.3, FORBIDDEN, this-network (0.0.0.0/8)",
            "224.0.0.1, FORBIDDEN, multicast",
            "239.255.255.250, FORBIDDEN, multicast",
            "240.0.0.1, FORBIDDEN, reserved (240.0.0.0/4)",
            "255.255.255.255, FORBIDDEN, broadcast",
            "8.8.8.8, PUBLIC, public",
            "172.32.0.1, PUBLIC, public",
            "100.128.0.1, PUBLIC, public",
            "192.169.0.1, PUBLIC, public",
            // IPv6
            "::1, PRIVATE, loopback",
            "::, FORBIDDEN, unspecified",
            "fe80::1, PRIVATE, link-local",
            "febf::1, PRIVATE, link-local",
            "fec0::1, PRIVATE, site-local",
            "fc00::1, PRIVATE, unique local (private)",
            "fd12:3456::1, PRIVATE, unique local (private)",
            "fd00:ec2::254, FORBIDDEN, cloud metadata",
            "ff02::1, FORBIDDEN, multicast",
            "2001:db8::1, PRIVATE, documentation",
            "::ffff:127.0.0.1, PRIVATE, loopback",
            "::ffff:169.254.169.254, FORBIDDEN, cloud metadata",
            "::ffff:8.8.8.8, PUBLIC, public",
            "::127.0.0.1, PRIVATE, IPv4-mapped loopback",
            "::10.1.2.3, PRIVATE, IPv4-mapped private",
            "64:ff9b::7f00:1, PRIVATE, NAT64 loopback",
            "64:ff9b::a9fe:a9fe, FORBIDDEN, NAT64 cloud metadata",
            "64:ff9b::808:808, PUBLIC, public",
            "2002:c0a8:0101::1, PRIVATE, 6to4 private",
            "2002:7f00:1::1, PRIVATE, 6to4 loopback",
            "2002:0808:0808::1, PUBLIC, public",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, PRIVATE, Teredo carrying loopback",
            "2001:4860:4860::8888, PUBLIC, public",
            "2a00:1450:4009:80b::200e, PUBLIC, public",
            "4000::1, FORBIDDEN, reserved (not global unicast)",
    })
    void classifiesTheAddress(String address, EgressAddresses.Verdict verdict, String range) throws Exception {
        EgressAddresses.Judgement judgement = EgressAddresses.judge(InetAddress.getByName(address));

        assertThat(judgement.verdict()).isEqualTo(verdict);
        assertThat(judgement.range()).isEqualTo(range);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "METADATA.google.internal.", "metadata", "instance-data", "metadata.azure.com"})
    void knowsTheNamesOfMetadataServices(String host) {
        assertThat(EgressAddresses.isMetadataName(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"moodle.college.ac.uk", "canvas.instructure.com", "metadata.college.ac.uk"})
    void otherNamesAreNotMetadataServices(String host) {
        assertThat(EgressAddresses.isMetadataName(host)).isFalse();
    }
}
