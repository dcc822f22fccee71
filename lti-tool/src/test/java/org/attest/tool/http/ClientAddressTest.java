package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which address a request is counted against. */
class ClientAddressTest {

    @Test
    void anIpv4ClientIsItsAddress() {
        assertThat(ClientAddress.of(from("192.0.2.7"))).isEqualTo("192.0.2.7");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64Network() {
        assertThat(ClientAddress.of(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo(ClientAddress.of(from("2001:db8:1:2::1")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of(from("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        return request;
    }
}
