package dev.gatehouse.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet. Everything else — loopback, private ranges,
 * link-local (which holds cloud metadata services at 169.254.169.254), carrier-grade NAT,
 * unique-local IPv6, multicast, reserved and documentation ranges — is where a request
 * forged by a caller (SSRF) must never be sent.
 */
public final class PublicAddresses {

    private PublicAddresses() {}

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if (isIpv4Mapped(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                return isPublicV4(v4);
            }
            int first = b[0] & 0xff;
            // fc00::/7 unique local, 2001:db8::/32 documentation, 64:ff9b::/96 and 2002::/16 embed IPv4.
            if ((first & 0xfe) == 0xfc) {
                return false;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false;
            }
            if (first == 0x00 || (first == 0x20 && (b[1] & 0xff) == 0x02)) {
                return false;
            }
            return true;
        }
        return address instanceof Inet4Address && isPublicV4(b);
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // 10.0.0.0/8
                || a0 == 127                              // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64)       // 100.64.0.0/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254)               // link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)       // 172.16.0.0/12
                || (a0 == 192 && a1 == 0 && a2 == 0)      // 192.0.0.0/24 protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)      // documentation
                || (a0 == 192 && a1 == 168)               // 192.168.0.0/16
                || (a0 == 198 && (a1 & 0xfe) == 18)       // 198.18.0.0/15 benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)   // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)    // documentation
                || a0 >= 224);                            // multicast, reserved, broadcast
    }
}
