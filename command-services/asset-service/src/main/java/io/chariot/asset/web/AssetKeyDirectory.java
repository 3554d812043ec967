package io.chariot.asset.web;

import java.util.List;

/**
 * Finds a tenant's asset keys by prefix, for the explicit bulk {@code DELETE /asset {key, prefix: true}}. The
 * command side keeps no index of its own; the deployment plugs in one backed by a read model (the platform uses the
 * DynamoDB table).
 */
public interface AssetKeyDirectory {

    /** At most {@code limit} keys of the tenant's assets starting with {@code prefix}. */
    List<String> assetKeysWithPrefix(String tenant, String prefix, int limit);
}
