package io.chariot.websupport.tenancy;

import java.util.Optional;

/**
 * The account links that let a user act on another tenant ({@code #account#{tenant}#{member}#…}). The account
 * context provides the real one; until it exists, nobody is linked and only one's own tenant is reachable.
 */
public interface AccountLinks {

    Optional<Role> roleOf(String tenant, String member);

    AccountLinks NONE = (tenant, member) -> Optional.empty();
}
