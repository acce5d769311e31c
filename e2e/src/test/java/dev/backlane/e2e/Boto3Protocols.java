package dev.backlane.e2e;

/**
 * Python for the boto3 tests that speak each of a service's protocols: with {@code protocol} other than
 * {@code "preferred"}, the botocore session gets a copy of the installed model that lists only that protocol, found
 * first on the loader's path (under the folder the {@code MODELS} environment variable names).
 */
final class Boto3Protocols {
    private Boto3Protocols() {}

    /** Defines {@code session} for the service, from the variables {@code service} and {@code protocol}. */
    static final String SESSION = """
            import botocore.session, json, os
            session = botocore.session.get_session()
            if protocol != "preferred":
                loader = session.get_component("data_loader")
                model = loader.load_service_model(service, "service-2")
                model["metadata"]["protocols"] = [protocol]
                model["metadata"]["protocol"] = protocol
                folder = os.path.join(os.environ["MODELS"], protocol)
                target = os.path.join(folder, service, model["metadata"]["apiVersion"])
                os.makedirs(target, exist_ok=True)
                with open(os.path.join(target, "service-2.json"), "w") as out:
                    json.dump(model, out)
                loader.search_paths.insert(0, folder)
            """;
}
