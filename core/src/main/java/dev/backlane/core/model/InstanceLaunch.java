package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * What an instance was launched from and with, fixed for its life: the AMI, the reservation (one per
 * RunInstances call) and the instance's index in it, the key pair, whether it gets a public IPv4
 * address each time it starts, and the client token of the launch (null when none was given).
 */
public record InstanceLaunch(String imageId, String reservationId, int amiLaunchIndex, String keyName, boolean publicIpOnStart,
        String clientToken) {
    public InstanceLaunch {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(reservationId, "reservationId is null");
    }
}
