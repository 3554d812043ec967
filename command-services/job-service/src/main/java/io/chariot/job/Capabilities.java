package io.chariot.job;

import java.util.List;
import java.util.Optional;

/**
 * The capability catalogue (AgoraCapability-like entries, chariot-api.md §2.5), static for now. A job without named
 * capabilities runs the {@link #DEFAULTS}: {@code subdomain}, {@code portscan} and {@code nuclei} (discover, then
 * scan). Each capability has a run timeout and a default retry count; a job's {@code config} may override them
 * ({@code timeout_seconds}, {@code retries}).
 */
public final class Capabilities {

    /** One parameter of a capability, as Janus parameters are described. */
    public record Parameter(String name, String description, String defaultValue, boolean required, String type) {
    }

    public record Capability(String name, String title, String target, String description, String category,
                             String executor, boolean async, List<Parameter> parameters, long timeoutSeconds,
                             int retries) {
    }

    public static final List<String> DEFAULTS = List.of("subdomain", "portscan", "nuclei");

    private static final List<Capability> ALL = List.of(
            new Capability("portscan", "Port Scan", "asset", "Finds open TCP ports and their services.",
                           "recon,scanner", "JanusPlugin", false,
                           List.of(new Parameter("ports", "ports to scan", "top-1000", false, "string")),
                           3600, 1),
            new Capability("nuclei", "Nuclei", "asset", "Template-based vulnerability scanning.",
                           "scanner,vulnerability", "JanusPlugin", false,
                           List.of(new Parameter("templates", "template tags to run", "", false, "string")),
                           7200, 1),
            new Capability("subdomain", "Subdomain Enumeration", "asset",
                           "Discovers subdomains of the asset's domain.", "recon", "JanusPlugin", false, List.of(),
                           3600, 1),
            new Capability("whois", "WHOIS", "asset", "Looks up the registration of the asset's domain.", "recon",
                           "JanusPlugin", false, List.of(), 600, 0),
            // run by the reference worker (workers/reference-worker, `./chariot worker run`)
            new Capability("http-probe", "HTTP Probe", "asset",
                           "GETs the asset's web root: status code, Server header and title become attributes; "
                           + "a directory listing raises the directory-listing risk.",
                           "recon,web", "ReferenceWorker", false,
                           List.of(new Parameter("port", "TCP port to probe", "80 (443 for https)", false, "int"),
                                   new Parameter("scheme", "http or https", "http", false, "string"),
                                   new Parameter("url", "probe this URL instead of the asset's root", "", false,
                                                 "string"),
                                   new Parameter("follow_redirects", "follow redirects", "true", false, "bool")),
                           600, 0));

    private Capabilities() {
    }

    public static List<Capability> all() {
        return ALL;
    }

    public static Optional<Capability> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
