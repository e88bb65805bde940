package dev.newsflow.ingest.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses hosts that resolve to loopback, private, link-local, unique-local, CGNAT,
 * multicast or unspecified addresses (SSRF: a feed must not make NewsFlow fetch from the
 * internal network). Every redirect hop is checked again.
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public void check(String host) throws FetchException {
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Reason.UNKNOWN_HOST, "unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new FetchException(FetchException.Reason.FORBIDDEN_ADDRESS, "refused to fetch from " + host
                        + " (" + address.getHostAddress() + "): private or loopback address; set allow.private.addresses=true to allow");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isV4Mapped(b);
            if (mappedV4) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second <= 127 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                || first == 198 && (second == 18 || second == 19) || first >= 240;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
