package org.nuage.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "172.16.5.4", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "0.0.0.0", "0.1.2.3", "::",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1",
            "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "::ffff:10.1.2.3", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::127.0.0.2", "fec0::1"})
    void forbiddenAddressesAreRefusedWithAReason(String address) throws Exception {
        Optional<String> refusal = AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address));
        assertTrue(refusal.isPresent(), address + " must be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "1.1.1.1", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "2606:4700:4700::1111", "2a01:4f8::1", "::ffff:93.184.215.14"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertEquals(Optional.empty(), AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1"})
    void loopbackIsAllowedOnlyWhenConfigured(String address) throws Exception {
        assertEquals(Optional.empty(), new AddressPolicy(true).refusal(InetAddress.getByName(address)));
        assertTrue(new AddressPolicy(true).refusal(InetAddress.getByName("169.254.169.254")).isPresent(),
                "allowing loopback never allows the metadata service");
    }
}
