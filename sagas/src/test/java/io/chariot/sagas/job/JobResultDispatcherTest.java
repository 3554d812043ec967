package io.chariot.sagas.job;

import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.AddPort;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobResults;
import io.chariot.api.risk.RiskCommands.AddRisk;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which commands a finished run's items become, in which order, and what happens when one cannot apply. */
class JobResultDispatcherTest {

    private static final String TENANT = "user@example.com";
    private static final String ASSET = "#asset#example.com#1.2.3.4";
    private static final String JOB = "#job#example.com#1.2.3.4#http-probe";
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

    private RecordingCommandBus bus;
    private JobResultDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        bus = new RecordingCommandBus();
        dispatcher = new JobResultDispatcher(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private static JobFinished finished(JobResults.Items items, String origin) {
        return new JobFinished(TENANT, JOB, "JP", null, items, origin, "worker@example.com", AT);
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(p -> (Object) p).toList();
    }

    @Test
    void eachItemBecomesACommandOfTheContextThatOwnsItInDependencyOrder() {
        var items = new JobResults.Items(
                List.of(new JobResults.AssetItem("example.com", "www.example.com", null),
                        new JobResults.AssetItem("example.com", "old.example.com", "F")),
                List.of(new JobResults.AttributeItem(ASSET, "http_status", "200")),
                List.of(new JobResults.PortItem(ASSET, "tcp", 80, "http")),
                List.of(new JobResults.RiskItem("#attribute#http_status#200" + ASSET, null, "directory-listing", "TM",
                                                "Directory listing", "Index of /")),
                List.of(new JobResults.ChildJob("#asset#example.com#www.example.com", "portscan", Map.of(), 1, 3600)));

        dispatcher.on(finished(items, JOB));

        assertThat(sent()).containsExactly(
                // no status: a scanner's visit; a status: a merge
                UpsertAsset.of(TENANT, "example.com", "www.example.com", null, null, null, null, "http-probe"),
                UpsertAsset.of(TENANT, "example.com", "old.example.com", "F", null, null, null, "http-probe"),
                AddAttribute.of(TENANT, ASSET, "http_status", "200", "http-probe", "http-probe"),
                AddPort.of(TENANT, ASSET, "tcp", 80, "http", "http-probe", "http-probe"),
                AddRisk.of(TENANT, "#attribute#http_status#200" + ASSET, null, "directory-listing", "TM",
                           "Directory listing", "Index of /", "http-probe", List.of(), "http-probe"),
                QueueJob.child(TENANT, "#asset#example.com#www.example.com", "portscan", Map.of(), List.of(), 1, 3600,
                               JOB, JOB, "http-probe"));
    }

    @Test
    void aChildJobInheritsTheChainsOriginNotItsParent() {
        String origin = "#job#example.com#example.com#subdomain";
        var items = new JobResults.Items(List.of(), List.of(), List.of(), List.of(),
                List.of(new JobResults.ChildJob(ASSET, "nuclei", Map.of("templates", "cves"), 0, 7200)));

        dispatcher.on(finished(items, origin));

        QueueJob child = (QueueJob) sent().get(0);
        assertThat(child.parent()).isEqualTo(JOB);
        assertThat(child.origin()).isEqualTo(origin);
        assertThat(child.config()).containsEntry("templates", "cves");
    }

    @Test
    void anAttributeOfAnAssetNotKnownYetDiscoversTheAssetFirst() {
        String unknown = "#asset#example.com#new.example.com";
        boolean[] first = {true};
        bus.setCallbackBehavior((payload, meta) -> {
            if (payload instanceof AddAttribute && first[0]) {
                first[0] = false;
                throw new AggregateNotFoundException(unknown, "no such asset");
            }
            return null;
        });
        var items = new JobResults.Items(List.of(), List.of(new JobResults.AttributeItem(unknown, "title", "Hi")),
                List.of(), List.of(), List.of());

        dispatcher.on(finished(items, JOB));

        assertThat(sent()).containsExactly(
                AddAttribute.of(TENANT, unknown, "title", "Hi", "http-probe", "http-probe"),
                UpsertAsset.of(TENANT, "example.com", "new.example.com", null, null, null, null, "http-probe"),
                AddAttribute.of(TENANT, unknown, "title", "Hi", "http-probe", "http-probe"));
    }

    @Test
    void anItemThatCannotApplyIsSkippedAndTheOthersStillApply() {
        bus.setCallbackBehavior((payload, meta) -> {
            if (payload instanceof AddPort) {
                throw new IllegalStateException("cannot add a port to deleted asset");
            }
            return null;
        });
        var items = new JobResults.Items(List.of(), List.of(), List.of(new JobResults.PortItem(ASSET, "tcp", 22, null)),
                List.of(new JobResults.RiskItem(ASSET, null, "open-ssh", null, null, null)), List.of());

        dispatcher.on(finished(items, JOB));

        assertThat(sent()).hasSize(2).last().isInstanceOf(AddRisk.class);
    }

    @Test
    void aRunWithoutItemsSendsNothing() {
        dispatcher.on(finished(JobResults.EMPTY, JOB));
        dispatcher.on(finished(null, JOB));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }
}
