package dev.backlane.server.api.sts;

import dev.backlane.server.api.Call;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.util.Map;

/** STS GetCallerIdentity: the account the access key selects, as its root user. */
public final class StsOperations implements OperationFamily {
    @Override
    public void register(OperationRegistry registry) {
        registry.add("sts", "GetCallerIdentity", this::getCallerIdentity);
    }

    private Map<String, Object> getCallerIdentity(Call call) {
        String account = call.scope().account();
        return Output.create()
                .put("UserId", account)
                .put("Account", account)
                .put("Arn", "arn:aws:iam::" + account + ":root")
                .build();
    }
}
