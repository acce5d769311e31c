package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.model.FaultRecord;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.store.ResourceCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Faults kept in the cloud's world as {@link FaultRecord}s, and so in its store: each in the scope of the account and
 * region it names, or the server's default scope when it names neither. The fault is written member by member (its
 * optional parameters as values or nulls, durations in ISO 8601), so a parameter added to faults is kept without a change
 * here.
 */
public final class WorldFaultLedger implements FaultLedger {
    private static final ObjectMapper MAPPER = ResourceCodec.newMapper().registerModule(new Jdk8Module())
            .registerModule(new SimpleModule("durations").addSerializer(Duration.class, ToStringSerializer.instance)
                    .addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
                        @Override
                        protected Duration _deserialize(String value, DeserializationContext context) {
                            return Duration.parse(value);
                        }
                    }));

    private final Cloud cloud;
    private final Scope defaultScope;

    public WorldFaultLedger(Cloud cloud, Scope defaultScope) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.defaultScope = requireNonNull(defaultScope, "defaultScope is null");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void record(Fault fault) {
        Map<String, Object> members = MAPPER.convertValue(fault, Map.class);
        cloud.write(scopeOf(fault), transaction -> transaction.put(ResourceTypes.FAULT, new FaultRecord(fault.id(), members)));
    }

    @Override
    public void forget(Fault fault) {
        Scope scope = scopeOf(fault);
        if (cloud.snapshot().find(scope, ResourceTypes.FAULT, fault.id()).isPresent()) {
            cloud.write(scope, transaction -> {
                transaction.remove(ResourceTypes.FAULT, fault.id());
                return null;
            });
        }
    }

    @Override
    public List<Fault> recorded() {
        List<Fault> faults = new ArrayList<>();
        var world = cloud.snapshot();
        for (Scope scope : world.scopes()) {
            for (FaultRecord record : world.all(scope, ResourceTypes.FAULT)) {
                faults.add(MAPPER.convertValue(record.fault(), Fault.class));
            }
        }
        // The order made is not kept (fault IDs are random): the start time's, then the end's, comes closest.
        faults.sort(Comparator.comparing(Fault::startTime).thenComparing(Fault::endTime).thenComparing(Fault::id));
        return faults;
    }

    private Scope scopeOf(Fault fault) {
        return new Scope(fault.scope().get(Field.ACCOUNT).orElse(defaultScope.account()),
                fault.scope().get(Field.REGION).orElse(defaultScope.region()));
    }
}
