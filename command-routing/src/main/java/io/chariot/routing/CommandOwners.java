package io.chariot.routing;

import org.axonframework.commandhandling.distributed.ConsistentHash;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which instances share the commands, as the connector last computed them: logged on every change (an instance
 * joined, left or died) and shown by the {@code commandrouting} actuator endpoint.
 */
public final class CommandOwners implements ConsistentHashChangeListener {

    private static final Logger log = LoggerFactory.getLogger(CommandOwners.class);

    private final AtomicReference<ConsistentHash> current = new AtomicReference<>(new ConsistentHash());

    @Override
    public void onConsistentHashChanged(ConsistentHash newConsistentHash) {
        ConsistentHash previous = current.getAndSet(newConsistentHash);
        List<String> before = names(previous);
        List<String> after = names(newConsistentHash);
        if (!before.equals(after)) {
            log.info("Command routing members: {} (were {})", after, before);
        }
    }

    /** The names of the instances that take commands, sorted. */
    public List<String> members() {
        return names(current.get());
    }

    /** The instance that handles the commands of {@code aggregateId} (every instance handles every command type). */
    public Optional<String> ownerOf(String aggregateId) {
        return current.get().getEligibleMembers(aggregateId).stream().findFirst().map(Member::name);
    }

    private static List<String> names(ConsistentHash hash) {
        return hash.getMembers().stream().map(Member::name).sorted().toList();
    }
}
