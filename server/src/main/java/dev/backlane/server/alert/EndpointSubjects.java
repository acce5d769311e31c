package dev.backlane.server.alert;

import dev.backlane.core.alert.AlertSubject;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.sli.SliKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The world's VPC endpoints as what alerts are about, labelled with their ID, region, service, account and VPC. */
final class EndpointSubjects {
    private EndpointSubjects() {}

    static List<AlertSubject> of(WorldIndex world) {
        List<AlertSubject> subjects = new ArrayList<>();
        for (ScopeIndex scope : world.scopes()) {
            for (VpcEndpoint endpoint : scope.endpoints()) {
                subjects.add(new AlertSubject(SliKey.endpoint(endpoint.id()), Map.of("endpoint", endpoint.id(), AlertSubject.REGION, scope.scope().region(),
                        AlertSubject.SERVICE, service(endpoint.serviceName(), endpoint.serviceRegion()), "account", scope.scope().account(),
                        "vpc", endpoint.vpcId(), "service_name", endpoint.serviceName())));
            }
        }
        return subjects;
    }

    /**
     * A service name's short form, as the SLIs' service keys name it: {@code com.amazonaws.us-east-1.s3} is {@code s3};
     * an endpoint service's {@code com.amazonaws.vpce.us-east-1.vpce-svc-...} is its {@code vpce-svc-...}.
     */
    static String service(String serviceName, String region) {
        String marker = "." + region + ".";
        int at = serviceName.indexOf(marker);
        return at < 0 ? serviceName : serviceName.substring(at + marker.length());
    }
}
