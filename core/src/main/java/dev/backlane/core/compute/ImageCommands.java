package dev.backlane.core.compute;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.ImageCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Image;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images: the public catalogue every account sees, and the images an account registers
 * (RegisterImage) and deregisters. A registered image is private to its account and region.
 */
public final class ImageCommands {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9()\\[\\] ./'@_-]{3,128}");

    private final ImageCatalog catalog;

    public ImageCommands(ImageCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The parameters of RegisterImage that Backlane honours; null means EC2's default. */
    public record RegisterImage(String name, String description, String architecture, String rootDeviceName, String virtualizationType) {}

    public Image register(Transaction transaction, RegisterImage request) {
        if (request.name() == null || request.name().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter name");
        }
        if (!NAME.matcher(request.name()).matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter name is invalid. AMI names must be between 3 and 128 characters long, and may contain letters, "
                            + "numbers, '(', ')', '.', '-', '/' and '_'", request.name());
        }
        if (transaction.all(ResourceTypes.IMAGE).stream().anyMatch(image -> image.name().equals(request.name()))) {
            throw AwsException.of(ErrorCode.INVALID_AMI_NAME_DUPLICATE, "AMI name %s is already in use by AMI %s", request.name(),
                    transaction.all(ResourceTypes.IMAGE).stream().filter(image -> image.name().equals(request.name())).findFirst().orElseThrow().id());
        }
        String architecture = request.architecture() == null ? "x86_64" : request.architecture();
        if (!List.of("i386", "x86_64", "arm64", "x86_64_mac", "arm64_mac").contains(architecture)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter architecture is invalid.", architecture);
        }
        String virtualization = request.virtualizationType() == null ? "paravirtual" : request.virtualizationType();
        if (!virtualization.equals("hvm") && !virtualization.equals("paravirtual")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter virtualizationType is invalid.", virtualization);
        }
        Image image = new Image(transaction.newId(ResourceTypes.IMAGE), request.name(), request.description(), transaction.account(), null,
                architecture, null, request.rootDeviceName() == null ? "/dev/sda1" : request.rootDeviceName(), virtualization,
                transaction.now().toString(), false);
        return transaction.put(ResourceTypes.IMAGE, image);
    }

    /** DeregisterImage: only the account's own images; the public catalogue's are not its to remove. */
    public void deregister(Transaction transaction, String imageId) {
        ResourceTypes.IMAGE.requireWellFormed(imageId);
        if (transaction.find(ResourceTypes.IMAGE, imageId).isEmpty()) {
            if (catalog.find(imageId).isPresent()) {
                throw AwsException.of(ErrorCode.UNAUTHORIZED_OPERATION, "You are not authorized to perform this operation.");
            }
            throw ResourceTypes.IMAGE.notFound(imageId);
        }
        transaction.remove(ResourceTypes.IMAGE, imageId);
    }

    /** An image the account can launch, or AWS's malformed or not-found error. */
    public Image find(Transaction transaction, String imageId) {
        return find(transaction.state(), imageId).orElseThrow(() -> ResourceTypes.IMAGE.notFound(imageId));
    }

    public Optional<Image> find(ScopeState state, String imageId) {
        ResourceTypes.IMAGE.requireWellFormed(imageId);
        Optional<Image> registered = state.find(ResourceTypes.IMAGE, imageId);
        return registered.isPresent() ? registered : catalog.find(imageId);
    }

    /** Every image the account can see: the public catalogue and its own, in ID order. */
    public List<Image> visible(ScopeState state) {
        List<Image> all = new ArrayList<>(catalog.all());
        all.addAll(state.all(ResourceTypes.IMAGE));
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return all;
    }
}
