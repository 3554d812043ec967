package io.chariot.asset.web;

import java.util.List;

/**
 * Finds a tenant's asset keys by prefix, for {@code DELETE /asset} with a key prefix. The command side keeps no
 * index of its own; the deployment plugs in one backed by a read model (the platform uses the DynamoDB table).
 */
public interface AssetKeyDirectory {

    List<String> assetKeysWithPrefix(String tenant, String prefix);
}
