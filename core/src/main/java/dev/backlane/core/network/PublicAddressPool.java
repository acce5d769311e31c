package dev.backlane.core.network;

import dev.backlane.core.model.Address;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.world.Transaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Amazon's public IPv4 space that Elastic IPs and the public addresses instances get at launch are
 * drawn from (3.0.0.0/9 and 54.144.0.0/12, both Amazon's), choosing with the transaction's ID source so
 * that tests are exact. An address is never handed out twice while in use, in any account or region.
 */
public final class PublicAddressPool {
    private static final List<Ipv4Cidr> RANGES = List.of(
            Ipv4Cidr.parse("3.0.0.0/9").orElseThrow(),
            Ipv4Cidr.parse("54.144.0.0/12").orElseThrow());

    private PublicAddressPool() {}

    public static String allocate(Transaction transaction) {
        Set<String> taken = new HashSet<>();
        for (Scope scope : transaction.world().scopes()) {
            transaction.world().all(scope, ResourceTypes.ELASTIC_IP).stream().map(Address::publicIp).forEach(taken::add);
            // Addresses given to instances at launch come from the same space.
            transaction.world().all(scope, ResourceTypes.NETWORK_INTERFACE).stream().map(NetworkInterface::publicIp)
                    .filter(java.util.Objects::nonNull).forEach(taken::add);
        }
        while (true) {
            long random = Long.parseLong(transaction.ids().hex(8), 16);
            Ipv4Cidr range = RANGES.get((int) (random >>> 31) % RANGES.size());
            long offset = (random & 0x7fffffffL) % range.size();
            long address = range.first() + offset;
            int lastOctet = (int) (address & 0xff);
            String text = Ipv4Address.format(address);
            if (lastOctet != 0 && lastOctet != 255 && !taken.contains(text)) {
                return text;
            }
        }
    }
}
