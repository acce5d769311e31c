package dev.backlane.server.api.ec2;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Input;
import java.util.List;

/**
 * Members of an operation's input that Backlane does not model (IPAM pools, Outposts, prefix
 * delegation, ...). A call that sets one is refused rather than answered as if the member were not
 * there; a boolean member set to false asks for nothing and passes.
 */
final class UnhonouredParameters {
    private UnhonouredParameters() {}

    static void refuse(Input input, List<String> members) {
        for (String member : members) {
            Object value = input.values().get(member);
            if (value == null || Boolean.FALSE.equals(value)) {
                continue;
            }
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter %s is not supported by Backlane.", member);
        }
    }
}
