package dev.backlane.server.api.ec2;

import dev.backlane.core.compute.ImageCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Image;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.CatalogDescriber;
import dev.backlane.server.api.describe.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** DescribeImages over the public catalogue and the account's own images; RegisterImage and DeregisterImage. */
public final class ImageOperations implements OperationFamily {
    private static final List<String> UNHONOURED_ON_REGISTER = List.of("BillingProducts", "BlockDeviceMappings", "BootMode", "ImageLocation",
            "ImdsSupport", "KernelId", "RamdiskId", "SriovNetSupport", "TpmSupport", "UefiData");

    private final ImageCommands commands;
    private final CatalogDescriber<Image> describer = new CatalogDescriber<>(Image::id, filters());

    public ImageOperations(ImageCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribeImages", this::describe)
                .ec2("RegisterImage", this::registerImage)
                .ec2("DeregisterImage", this::deregister);
    }

    private static Map<String, Function<Image, Object>> filters() {
        Map<String, Function<Image, Object>> filters = new LinkedHashMap<>();
        filters.put("architecture", Image::architecture);
        filters.put("creation-date", Image::creationDate);
        filters.put("description", Image::description);
        filters.put("hypervisor", image -> "xen");
        filters.put("image-id", Image::id);
        filters.put("image-type", image -> "machine");
        filters.put("is-public", Image::isPublic);
        filters.put("name", Image::name);
        filters.put("owner-alias", Image::ownerAlias);
        filters.put("owner-id", Image::ownerId);
        filters.put("platform", Image::platform);
        filters.put("root-device-name", Image::rootDeviceName);
        filters.put("root-device-type", image -> "ebs");
        filters.put("state", image -> "available");
        filters.put("virtualization-type", Image::virtualizationType);
        return filters;
    }

    /** ImageIds must all exist; Owners narrows to account IDs, {@code self} or an alias ({@code amazon}). */
    private Map<String, Object> describe(Call call) {
        Input input = call.input();
        ScopeState state = call.read();
        List<String> ids = input.strings("ImageIds");
        List<Image> candidates = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : new LinkedHashSet<>(ids)) {
                candidates.add(commands.find(state, id).orElseThrow(() -> ResourceTypes.IMAGE.notFound(id)));
            }
        } else {
            candidates.addAll(commands.visible(state));
        }
        List<String> owners = input.strings("Owners");
        if (!owners.isEmpty()) {
            candidates.removeIf(image -> owners.stream().noneMatch(owner -> owner.equals(image.ownerId()) || owner.equals(image.ownerAlias())
                    || (owner.equals("self") && image.ownerId().equals(call.scope().account()))));
        }
        Page<Image> page = describer.describe(call, candidates);
        return Output.create()
                .put("Images", page.items().stream().map(image -> image(image, state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> registerImage(Call call) {
        Input input = call.input();
        UnhonouredParameters.refuse(input, UNHONOURED_ON_REGISTER);
        if (input.bool("EnaSupport", false)) {
            throw AwsException.of(ErrorCode.UNSUPPORTED_OPERATION, "The parameter EnaSupport is not supported by Backlane.");
        }
        ImageCommands.RegisterImage request = new ImageCommands.RegisterImage(input.string("Name"), input.string("Description"),
                input.string("Architecture"), input.string("RootDeviceName"), input.string("VirtualizationType"));
        return call.write(transaction -> {
            Image image = commands.register(transaction, request);
            TagInputs.applySpecifications(transaction, input, image.id(), ResourceTypes.IMAGE);
            return Output.of("ImageId", image.id());
        });
    }

    private Map<String, Object> deregister(Call call) {
        String imageId = call.input().requiredString("ImageId", "ImageId");
        return call.write(transaction -> {
            commands.deregister(transaction, imageId);
            return Output.of("Return", true);
        });
    }

    private static Map<String, Object> image(Image image, ScopeState state) {
        return Output.create()
                .put("Architecture", image.architecture())
                .put("CreationDate", image.creationDate())
                .put("ImageId", image.id())
                .put("ImageLocation", image.ownerAlias() != null ? image.ownerAlias() + "/" + image.name() : image.ownerId() + "/" + image.name())
                .put("ImageType", "machine")
                .put("Public", image.isPublic())
                .put("OwnerId", image.ownerId())
                .put("Platform", image.platform())
                .put("PlatformDetails", "windows".equals(image.platform()) ? "Windows" : "Linux/UNIX")
                .put("UsageOperation", "windows".equals(image.platform()) ? "RunInstances:0002" : "RunInstances")
                .put("ProductCodes", List.of())
                .put("State", "available")
                .put("BlockDeviceMappings", List.of())
                .put("Description", image.description())
                .put("EnaSupport", image.virtualizationType().equals("hvm"))
                .put("Hypervisor", "xen")
                .put("ImageOwnerAlias", image.ownerAlias())
                .put("Name", image.name())
                .put("RootDeviceName", image.rootDeviceName())
                .put("RootDeviceType", "ebs")
                .put("SriovNetSupport", image.virtualizationType().equals("hvm") ? "simple" : null)
                .put("Tags", image.isPublic() ? null : TagShapes.tagSet(state, image.id()))
                .put("VirtualizationType", image.virtualizationType())
                .build();
    }
}
