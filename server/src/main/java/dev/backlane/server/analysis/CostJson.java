package dev.backlane.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.cost.CostAnomaly;
import dev.backlane.core.cost.CostModel;
import dev.backlane.core.cost.CostReport;
import dev.backlane.core.cost.PriceList;
import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.cost.TrafficVolumes.Volume;
import dev.backlane.core.model.Scope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Runs the cost model for {@code POST /_backlane/cost} and offline ({@code backlane cost --snapshot}). The request, every
 * field optional: {@code {"account", "region", "prices": {a price list}, "defaultGbPerMonth": 10,
 * "gbPerMonth": {"vpce-...": 100, "nat-...": {"s3": 50, "other": 5}}}}. With neither traffic field the traffic is what
 * the server observed (offline: none). The answer: {@code {"currency", "pricesAsOf", "hoursPerMonth", "traffic",
 * "scopes": [{"account", "region", "pricedAs", "total", "components": [...], "vpcs": [...], "whatIfs": [...]}],
 * "accounts": [{"account", "total"}], "anomalies": [...]}}. Amounts are rounded to 4 decimals.
 */
public final class CostJson {
    private static final int DECIMALS = 4;

    private CostJson() {}

    /** The report; {@code observed} gives the live server's traffic for a month of the given hours (offline: none). */
    public static ObjectNode cost(WorldIndex world, JsonNode request, Instant at, Optional<IntFunction<TrafficVolumes>> observed,
            List<CostAnomaly.Signal> anomalies) {
        PriceList prices = request.has("prices") ? prices(request.get("prices")) : PriceList.standard();
        TrafficVolumes traffic = assumed(request).orElseGet(() -> observed.map(volumes -> volumes.apply(prices.hoursPerMonth()))
                .orElse(TrafficVolumes.assumed(Map.of(), Volume.NONE)));
        Collection<ScopeIndex> scopes = world.scopes();
        if (request.hasNonNull("account") || request.hasNonNull("region")) {
            if (!request.hasNonNull("account") || !request.hasNonNull("region")) {
                throw new IllegalArgumentException("account and region go together: give both, or neither");
            }
            Scope only = new Scope(request.get("account").asText(), request.get("region").asText());
            scopes = world.scope(only).map(List::of).orElse(List.of());
        }
        return json(new CostModel(prices).estimate(scopes, traffic, at), anomalies);
    }

    private static PriceList prices(JsonNode document) {
        try {
            return PriceList.read(new ByteArrayInputStream(document.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("prices is not a price list: " + e.getMessage(), e);
        }
    }

    private static Optional<TrafficVolumes> assumed(JsonNode request) {
        if (!request.has("gbPerMonth") && !request.has("defaultGbPerMonth")) {
            return Optional.empty();
        }
        Volume otherwise = request.has("defaultGbPerMonth") ? new Volume(gb(request.get("defaultGbPerMonth"), "defaultGbPerMonth"), Map.of())
                : Volume.NONE;
        Map<String, Volume> volumes = new TreeMap<>();
        JsonNode given = request.path("gbPerMonth");
        if (!given.isMissingNode() && !given.isObject()) {
            throw new IllegalArgumentException("gbPerMonth must be an object of component IDs");
        }
        given.fields().forEachRemaining(entry -> {
            String where = "gbPerMonth." + entry.getKey();
            if (entry.getValue().isObject()) {
                Map<String, BigDecimal> byService = new TreeMap<>();
                entry.getValue().fields().forEachRemaining(service -> byService.put(service.getKey(), gb(service.getValue(), where + "." + service.getKey())));
                volumes.put(entry.getKey(), new Volume(byService.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), byService));
            } else {
                volumes.put(entry.getKey(), new Volume(gb(entry.getValue(), where), Map.of()));
            }
        });
        return Optional.of(TrafficVolumes.assumed(volumes, otherwise));
    }

    private static BigDecimal gb(JsonNode value, String where) {
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(where + " must be a number of GB of at least 0");
        }
        return value.decimalValue();
    }

    private static ObjectNode json(CostReport report, List<CostAnomaly.Signal> anomalies) {
        ObjectNode root = PathJson.mapper().createObjectNode().put("currency", report.currency()).put("pricesAsOf", report.pricesAsOf())
                .put("hoursPerMonth", report.hoursPerMonth()).put("traffic", report.trafficBasis());
        ArrayNode scopes = root.putArray("scopes");
        Map<String, BigDecimal> accounts = new TreeMap<>();
        for (CostReport.ScopeCost scope : report.scopes()) {
            accounts.merge(scope.scope().account(), scope.total(), BigDecimal::add);
            ObjectNode item = scopes.addObject().put("account", scope.scope().account()).put("region", scope.scope().region())
                    .put("pricedAs", scope.pricedAs()).put("total", money(scope.total()));
            ArrayNode components = item.putArray("components");
            for (CostReport.ComponentCost component : scope.components()) {
                ObjectNode line = components.addObject().put("id", component.id()).put("kind", component.kind().label())
                        .put("vpcId", component.vpcId());
                component.serviceName().ifPresent(name -> line.put("serviceName", name));
                line.put("zones", component.zones()).put("hourly", money(component.hourly())).put("gbPerMonth", money(component.gb()))
                        .put("data", money(component.data())).put("total", money(component.total()));
                component.costPerGb().ifPresent(perGb -> line.put("costPerGb", money(perGb)));
            }
            ArrayNode vpcs = item.putArray("vpcs");
            scope.vpcs().forEach(vpc -> vpcs.addObject().put("vpcId", vpc.vpcId()).put("total", money(vpc.total())));
            ArrayNode whatIfs = item.putArray("whatIfs");
            for (CostReport.WhatIf whatIf : scope.whatIfs()) {
                ObjectNode line = whatIfs.addObject().put("kind", whatIf.kind()).put("description", whatIf.description());
                ArrayNode resources = line.putArray("resources");
                whatIf.resources().forEach(resources::add);
                line.put("monthlySaving", money(whatIf.monthlySaving()));
            }
        }
        ArrayNode byAccount = root.putArray("accounts");
        accounts.forEach((account, total) -> byAccount.addObject().put("account", account).put("total", money(total)));
        ArrayNode signals = root.putArray("anomalies");
        for (CostAnomaly.Signal signal : anomalies) {
            signals.addObject().put("id", signal.componentId()).put("lastHourBytes", signal.lastHourBytes())
                    .put("baselineBytes", Math.round(signal.baselineBytes())).put("ratio", Double.isInfinite(signal.ratio()) ? null : signal.ratio());
        }
        return root;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(DECIMALS, RoundingMode.HALF_UP);
    }
}
