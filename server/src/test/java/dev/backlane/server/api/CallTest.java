package dev.backlane.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private final SteppingClock clock = new SteppingClock();
    private final Cloud cloud = new Cloud(World.empty(), clock, IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());

    private Call call(Map<String, Object> input) {
        return new Call(cloud, "ec2", "DescribeVpcs", SCOPE, new Input(input), "request-1", output -> output.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nowIsTheTimeOfTheSnapshotTheCallReads() {
        Call call = call(Map.of());
        World first = call.world();
        clock.advance(Duration.ofMinutes(5));

        assertEquals(TestApi.NOW, call.now());
        assertSame(first, call.world());
    }

    @Test
    void aWriteMovesNowToTheStateAfterIt() {
        Call call = call(Map.of());
        call.now();
        clock.advance(Duration.ofMinutes(5));

        call.run(transaction -> {});

        assertEquals(TestApi.NOW.plus(Duration.ofMinutes(5)), call.now());
    }

    @Test
    void nowDoesNotEndADryRunButAReadDoes() {
        Call call = call(Map.of("DryRun", true));

        assertEquals(TestApi.NOW, call.now());
        AwsException dryRun = assertThrows(AwsException.class, call::world);
        assertEquals(ErrorCode.DRY_RUN_OPERATION, dryRun.code());
    }
}
