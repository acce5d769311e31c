package dev.backlane.server.zone;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappingCommands;
import dev.backlane.core.zone.ZoneMappings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A zone mapping to pin for an account, as {@code backlane start --zone-mapping} takes it:
 * {@code ACCOUNT=ZONE:ZONE_ID,ZONE:ZONE_ID,...}, e.g.
 * {@code 111111111111=us-east-1a:use1-az4,us-east-1b:use1-az6,...}, every zone of one region. The
 * region is that of the zone names.
 */
public record ZoneMappingPin(String account, String region, Map<String, String> zoneIdsByName) {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ZONE_NAME = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d+)[a-z]");

    public ZoneMappingPin {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        zoneIdsByName = Map.copyOf(requireNonNull(zoneIdsByName, "zoneIdsByName is null"));
    }

    /** Reads the flag's value; IllegalArgumentException naming what is wrong. */
    public static ZoneMappingPin parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("--zone-mapping expects ACCOUNT=ZONE:ZONE_ID,...; got '" + text + "'");
        }
        String account = text.substring(0, equals);
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("--zone-mapping: the account must be 12 digits; got '" + account + "'");
        }
        Map<String, String> zones = new LinkedHashMap<>();
        String region = null;
        for (String pair : text.substring(equals + 1).split(",")) {
            String[] parts = pair.split(":");
            var name = parts.length == 2 ? ZONE_NAME.matcher(parts[0]) : null;
            if (name == null || !name.matches() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("--zone-mapping: expected ZONE:ZONE_ID such as us-east-1a:use1-az4; got '" + pair + "'");
            }
            if (region != null && !region.equals(name.group(1))) {
                throw new IllegalArgumentException("--zone-mapping: the zones of one mapping must be of one region; got " + region + " and "
                        + name.group(1));
            }
            region = name.group(1);
            if (zones.put(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("--zone-mapping: zone " + parts[0] + " is given twice");
            }
        }
        return new ZoneMappingPin(account, region, zones);
    }

    public Scope scope() {
        return new Scope(account, region);
    }

    /** Pins the mapping in the cloud, durably; AWS's error when the zones are not the region's or the mapping can no longer change. */
    public ZoneMapping applyTo(Cloud cloud) {
        ZoneMappingCommands commands = new ZoneMappingCommands(ZoneMappings.standard());
        return cloud.write(scope(), transaction -> commands.pin(transaction, zoneIdsByName));
    }
}
