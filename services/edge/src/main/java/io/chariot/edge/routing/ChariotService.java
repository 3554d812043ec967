package io.chariot.edge.routing;

import java.util.List;

/**
 * The services of the distributed topology and the API paths each one owns — the one place the edge learns who
 * answers what. Order matters where paths nest: a service listed earlier wins ({@code /explorer/operations/sagas}
 * belongs to the saga service, the rest of {@code /explorer} to the query service).
 */
public enum ChariotService {
    ACCOUNT("account", "/token", "/account/**", "/key", "/setting", "/configuration", "/hook/**"),
    ASSET("asset", "/asset", "/attribute", "/seed", "/preseed", "/webpage/**"),
    RISK("risk", "/risk"),
    JOB("job", "/job/**", "/capabilities"),
    FILE("file", "/file", "/encrypted-file", "/signed/file"),
    SAGAS("sagas", "/admin/sagas/**", "/explorer/operations/sagas/**"),
    PROJECTIONS("projections", "/admin/projections/**"),
    QUERY("query", "/my/**", "/events/**", "/explorer/**");

    private final String id;
    private final List<String> paths;

    ChariotService(String id, String... paths) {
        this.id = id;
        this.paths = List.of(paths);
    }

    /** The service's name: its key under {@code chariot.edge.services} and its load-balancer id. */
    public String id() {
        return id;
    }

    /** Path patterns ({@code /x/**} also matches {@code /x}). */
    public List<String> paths() {
        return paths;
    }
}
