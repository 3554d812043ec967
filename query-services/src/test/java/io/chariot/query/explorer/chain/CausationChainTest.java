package io.chariot.query.explorer.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chariot.query.explorer.view.EventView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CausationChainTest {

    @Test
    void aSagasCommandsHangUnderTheEventTheSagaReactedTo() {
        EventView finished = event("e1", "JobFinished", "cmd-1", "FinishJob", null, null);
        EventView asset = event("e2", "AssetDiscovered", "cmd-2", "UpsertAsset", "e1", "job-results");
        EventView risk = event("e3", "RiskOpened", "cmd-3", "AddRisk", "e1", "job-results");
        EventView attribute = event("e4", "AttributeAdded", "cmd-2", "UpsertAsset", "e1", "job-results");

        ChainNode root = CausationChain.build("req-1", List.of(finished, asset, risk, attribute), "e3", false).root();

        assertThat(root.kind()).isEqualTo(ChainNode.Kind.REQUEST);
        assertThat(root.label()).isEqualTo("POST /job/result");
        ChainNode finish = root.children().get(0);
        assertThat(root.children()).hasSize(1);
        assertThat(finish.label()).isEqualTo("FinishJob");
        ChainNode finishedNode = finish.children().get(0);
        assertThat(finishedNode.label()).isEqualTo("JobFinished");
        ChainNode saga = finishedNode.children().get(0);
        assertThat(saga.kind()).isEqualTo(ChainNode.Kind.SAGA);
        assertThat(saga.label()).isEqualTo("saga job-results");
        assertThat(saga.children()).extracting(ChainNode::label).containsExactly("UpsertAsset", "AddRisk");
        assertThat(saga.children().get(0).children()).extracting(ChainNode::label)
                .containsExactly("AssetDiscovered", "AttributeAdded");
        assertThat(saga.children().get(1).children().get(0).focus()).isTrue();
    }

    @Test
    void aCommandCausedByAnEventOutsideTheChainSaysSoUnderTheOrigin() {
        EventView orphan = event("e9", "RiskOpened", "cmd-9", "AddRisk", "e-elsewhere", "job-results");
        ChainNode root = CausationChain.build("c-9", List.of(orphan), "e9", false).root();
        assertThat(root.children()).singleElement().satisfies(c -> assertThat(c.note())
                .contains("e-elsewhere").contains("not part of this chain"));
    }

    private static EventView event(String id, String type, String causation, String command, String commandCause,
                                   String sender) {
        var metadata = JsonNodeFactory.instance.objectNode().put("traceId", "req-1").put("correlationId", causation);
        if (sender != null) {
            metadata.put("commandSender", sender);
        }
        return new EventView(1, id, "2026-11-24T10:00:00Z", "t", "Job", "t#job#x", "#job#x", 0, type, null, "u",
                "req-1", causation, null, commandCause == null ? "POST /job/result" : "POST /job/result", command,
                commandCause, false, null, metadata);
    }
}
