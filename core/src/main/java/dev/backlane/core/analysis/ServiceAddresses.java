package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.net.Ipv4Cidr;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The address public DNS gives each AWS service, and back: which service an address belongs to. S3 and
 * DynamoDB answer from their prefix list (so a gateway endpoint's route carries them); every other service
 * gets an address of its own in its region's AMAZON-only ranges, which lie in no prefix list, so its traffic
 * never takes another service's gateway endpoint. The address is picked by hashing the service's name into
 * the region's ranges (services in name order, the next free address on a collision): deterministic, and
 * stable when AWS adds services.
 */
public final class ServiceAddresses {
    private static final ServiceAddresses STANDARD = new ServiceAddresses(ServiceNames.standard(), ServiceAddressRanges.standard(),
            AwsPrefixListCatalog.standard());

    /** A service's address and where it comes from ({@code prefix list pl-63a5400a}, {@code AMAZON range 3.3.16.0/21}). */
    public record Assignment(PublicService service, long address, String origin) {
        public Assignment {
            requireNonNull(service, "service is null");
            requireNonNull(origin, "origin is null");
        }
    }

    private final Map<PublicService, Assignment> byService = new HashMap<>();
    private final Map<String, Map<Long, PublicService>> byRegionAndAddress = new HashMap<>();
    /** Per region, each S3 and DynamoDB prefix-list block with its service. */
    private final Map<String, Map<Ipv4Cidr, PublicService>> listedByRegion = new HashMap<>();

    public ServiceAddresses(ServiceNames names, ServiceAddressRanges ranges, AwsPrefixListCatalog prefixLists) {
        requireNonNull(names, "names is null");
        requireNonNull(ranges, "ranges is null");
        requireNonNull(prefixLists, "prefixLists is null");
        Map<String, List<PublicService>> byRegion = new LinkedHashMap<>();
        for (PublicService service : names.services()) {
            byRegion.computeIfAbsent(service.region(), region -> new ArrayList<>()).add(service);
        }
        List<Ipv4Cidr> listed = byRegion.keySet().stream().flatMap(region -> prefixLists.region(region).stream())
                .flatMap(list -> list.cidrs().stream()).map(ServiceAddresses::cidr).toList();
        byRegion.forEach((region, services) -> {
            List<Ipv4Cidr> pool = ranges.ranges(region);
            for (Ipv4Cidr range : pool) {
                if (listed.stream().anyMatch(range::overlaps)) {
                    throw new IllegalStateException("AMAZON range " + range + " of " + region + " overlaps an S3 or DynamoDB prefix list");
                }
            }
            assign(region, services, pool, prefixLists.region(region));
        });
    }

    public static ServiceAddresses standard() {
        return STANDARD;
    }

    public Optional<Assignment> assignment(PublicService service) {
        return Optional.ofNullable(byService.get(service));
    }

    public Optional<Long> address(PublicService service) {
        return assignment(service).map(Assignment::address);
    }

    /** The address of a regional service by name ({@code s3}, {@code sqs}). */
    public Optional<Long> address(String region, String name) {
        return address(new PublicService(name, region, false));
    }

    /** The service that answers at the address in the region: any address of an S3 or DynamoDB prefix list, else an assigned one. */
    public Optional<PublicService> serviceAt(String region, long address) {
        PublicService assigned = byRegionAndAddress.getOrDefault(region, Map.of()).get(address);
        if (assigned != null) {
            return Optional.of(assigned);
        }
        return listedByRegion.getOrDefault(region, Map.of()).entrySet().stream().filter(entry -> entry.getKey().contains(address))
                .map(Map.Entry::getValue).findFirst();
    }

    private void assign(String region, List<PublicService> services, List<Ipv4Cidr> pool, List<AwsPrefixList> lists) {
        Map<Long, PublicService> taken = byRegionAndAddress.computeIfAbsent(region, key -> new HashMap<>());
        long size = pool.stream().mapToLong(range -> range.size() - 2).sum();
        if (size > 0 && size < services.size()) {
            throw new IllegalStateException(region + " has " + size + " AMAZON addresses for " + services.size() + " services");
        }
        for (PublicService service : services) {
            Optional<AwsPrefixList> list = lists.stream().filter(candidate -> candidate.service().equals(service.name()) && !service.global()).findFirst();
            if (list.isPresent()) {
                Ipv4Cidr first = cidr(list.get().cidrs().get(0));
                record(new Assignment(service, first.size() > 2 ? first.first() + 1 : first.first(), "prefix list " + list.get().id()), taken);
                Map<Ipv4Cidr, PublicService> listed = listedByRegion.computeIfAbsent(region, key -> new LinkedHashMap<>());
                list.get().cidrs().forEach(cidr -> listed.put(cidr(cidr), service));
            } else if (size > 0) {
                long index = Math.floorMod(hash(service.name()), size);
                while (taken.containsKey(address(pool, index))) {
                    index = (index + 1) % size;
                }
                long address = address(pool, index);
                Ipv4Cidr range = pool.stream().filter(candidate -> candidate.contains(address)).findFirst().orElseThrow();
                record(new Assignment(service, address, "AMAZON range " + range), taken);
            }
        }
    }

    private void record(Assignment assignment, Map<Long, PublicService> taken) {
        byService.put(assignment.service(), assignment);
        taken.putIfAbsent(assignment.address(), assignment.service());
    }

    /** The index-th usable address of the ranges, skipping each range's first and last. */
    private static long address(List<Ipv4Cidr> pool, long index) {
        long remaining = index;
        for (Ipv4Cidr range : pool) {
            long usable = range.size() - 2;
            if (remaining < usable) {
                return range.first() + 1 + remaining;
            }
            remaining -= usable;
        }
        throw new IllegalArgumentException("index beyond the ranges: " + index);
    }

    private static long hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ipv4Cidr cidr(String text) {
        return Ipv4Cidr.parseLenient(text).orElseThrow(() -> new IllegalStateException("bad prefix-list CIDR " + text));
    }
}
