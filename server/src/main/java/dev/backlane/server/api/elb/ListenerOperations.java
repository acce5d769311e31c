package dev.backlane.server.api.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.ElbArns;
import dev.backlane.core.elb.ListenerCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** ELBv2 listeners: create, modify, delete, describe and attributes. */
public final class ListenerOperations implements OperationFamily {
    private static final String SERVICE = "elasticloadbalancing";

    private final ListenerCommands commands;

    public ListenerOperations(ListenerCommands commands) {
        this.commands = requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateListener", this::createListener)
                .add(SERVICE, "ModifyListener", this::modifyListener)
                .add(SERVICE, "DeleteListener", this::deleteListener)
                .add(SERVICE, "DescribeListeners", this::describeListeners)
                .add(SERVICE, "DescribeListenerAttributes", this::describeListenerAttributes)
                .add(SERVICE, "ModifyListenerAttributes", this::modifyListenerAttributes);
    }

    private Map<String, Object> createListener(Call call) {
        Input input = call.input();
        ListenerCommands.ListenerSettings settings = settings(input);
        return call.write(transaction -> {
            Listener listener = commands.create(transaction, input.string("LoadBalancerArn"), settings, ElbInputs.tags(input));
            return Output.of("Listeners", List.of(ElbShapes.listener(listener)));
        });
    }

    private Map<String, Object> modifyListener(Call call) {
        Input input = call.input();
        ListenerCommands.ListenerSettings settings = settings(input);
        return call.write(transaction -> {
            Listener listener = commands.modify(transaction, input.string("ListenerArn"), settings);
            return Output.of("Listeners", List.of(ElbShapes.listener(listener)));
        });
    }

    private Map<String, Object> deleteListener(Call call) {
        String arn = call.input().string("ListenerArn");
        return call.run(transaction -> commands.delete(transaction, arn));
    }

    private Map<String, Object> describeListeners(Call call) {
        Input input = call.input();
        List<String> arns = input.strings("ListenerArns");
        String loadBalancerArn = input.string("LoadBalancerArn");
        if (arns.isEmpty() == (loadBalancerArn == null)) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "You must specify either listener ARNs or a load balancer ARN");
        }
        arns.forEach(ElbArns::requireListener);
        ScopeState state = call.read();
        List<Listener> selected = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : new LinkedHashSet<>(arns)) {
                selected.add(state.find(ResourceTypes.LISTENER, arn).orElseThrow(() -> ResourceTypes.LISTENER.notFound(arn)));
            }
        } else {
            ElbArns.requireLoadBalancer(loadBalancerArn);
            state.find(ResourceTypes.LOAD_BALANCER, loadBalancerArn).orElseThrow(() -> ResourceTypes.LOAD_BALANCER.notFound(loadBalancerArn));
            state.all(ResourceTypes.LISTENER).stream().filter(listener -> listener.loadBalancerArn().equals(loadBalancerArn)).forEach(selected::add);
        }
        selected.sort((a, b) -> a.id().compareTo(b.id()));
        Page<Listener> page = ElbPages.page(input, selected);
        return Output.create()
                .put("Listeners", page.items().stream().map(ElbShapes::listener).toList())
                .put("NextMarker", page.nextToken())
                .build();
    }

    private Map<String, Object> describeListenerAttributes(Call call) {
        String arn = ElbArns.requireListener(call.input().string("ListenerArn"));
        Listener listener = call.read().find(ResourceTypes.LISTENER, arn).orElseThrow(() -> ResourceTypes.LISTENER.notFound(arn));
        return Output.of("Attributes", ElbShapes.attributes(listener.attributes()));
    }

    private Map<String, Object> modifyListenerAttributes(Call call) {
        Input input = call.input();
        Map<String, String> changes = ElbInputs.attributes(input);
        return call.write(transaction -> {
            Listener listener = commands.modifyAttributes(transaction, input.string("ListenerArn"), changes);
            return Output.of("Attributes", ElbShapes.attributes(listener.attributes()));
        });
    }

    private static ListenerCommands.ListenerSettings settings(Input input) {
        return new ListenerCommands.ListenerSettings(ElbInputs.wireEnum(input, "Protocol", ElbProtocol.class), input.integer("Port"), ElbInputs.actions(input),
                ElbInputs.certificates(input), input.string("SslPolicy"));
    }
}
