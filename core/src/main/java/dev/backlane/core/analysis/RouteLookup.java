package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Longest-prefix match over one route table's IPv4 routes. A route to a prefix list counts with each of
 * the list's CIDRs (a gateway endpoint's route matches the service's public addresses); at equal length
 * a CIDR route wins over a prefix-list route, as AWS documents.
 */
public final class RouteLookup {
    private final RouteTable table;
    private final List<Candidate> candidates;

    private record Candidate(Ipv4Cidr cidr, boolean fromPrefixList, Route route) {}

    /** The matching route and the CIDR of it that matched (one of a prefix list's CIDRs for a prefix-list route). */
    public record Match(Route route, Ipv4Cidr matched) {
        public Match {
            requireNonNull(route, "route is null");
            requireNonNull(matched, "matched is null");
        }
    }

    public RouteLookup(RouteTable table, Function<String, List<Ipv4Cidr>> prefixListCidrs) {
        this.table = requireNonNull(table, "table is null");
        List<Candidate> all = new ArrayList<>();
        for (Route route : table.routes()) {
            if (route.destinationCidrBlock() != null) {
                Ipv4Cidr.parseLenient(route.destinationCidrBlock()).ifPresent(cidr -> all.add(new Candidate(cidr, false, route)));
            } else if (route.destinationPrefixListId() != null) {
                for (Ipv4Cidr cidr : prefixListCidrs.apply(route.destinationPrefixListId())) {
                    all.add(new Candidate(cidr, true, route));
                }
            }
        }
        all.sort(Comparator.comparingInt((Candidate candidate) -> -candidate.cidr().prefixLength())
                .thenComparing(candidate -> candidate.fromPrefixList()));
        this.candidates = List.copyOf(all);
    }

    public RouteTable table() {
        return table;
    }

    public Optional<Match> lookup(long address) {
        for (Candidate candidate : candidates) {
            if (candidate.cidr().contains(address)) {
                return Optional.of(new Match(candidate.route(), candidate.cidr()));
            }
        }
        return Optional.empty();
    }

    /** A route as people read it: {@code 0.0.0.0/0 -> igw-1}. */
    public static String describe(Route route) {
        return route.destination() + " -> " + route.target();
    }
}
