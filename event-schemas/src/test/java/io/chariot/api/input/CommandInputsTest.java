package io.chariot.api.input;

import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.api.account.AccountCommands.LinkAccount;
import io.chariot.api.account.AccountCommands.StoreSetting;
import io.chariot.api.asset.AssetCommands.AddAttribute;
import io.chariot.api.asset.AssetCommands.UpsertAsset;
import io.chariot.api.job.JobCommands.FinishJob;
import io.chariot.api.job.JobResults;
import io.chariot.api.risk.RiskCommands.UpdateRisk;
import io.chariot.api.risk.Ticket;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandInputsTest {

    private static final String T = "t@example.com";

    @Test
    void aCommandEveryStoreCanHoldPasses() {
        assertThatCode(() -> CommandInputs.check(new UpsertAsset(T + "#asset#a#b", T, "a", "b", "A", "provided",
                List.of("external", "\u05e9"), "a comment \ud83d\ude00", T))).doesNotThrowAnyException();
        assertThatCode(() -> CommandInputs.check(new StoreSetting(T + "#setting#s", T, "#setting#s", "s",
                "{\"a\":[1,2.5,\"x\"]}", T))).doesNotThrowAnyException();
    }

    @Test
    void everyTextMemberIsCheckedWhereverItIsNested() {
        assertThatThrownBy(() -> CommandInputs.check(new AddAttribute(T + "#asset#a#b", T, "#asset#a#b", "\ud800", "1",
                null, T))).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("name is not valid");
        assertThatThrownBy(() -> CommandInputs.check(new UpsertAsset(T + "#asset#a#b", T, "a", "b", null, null,
                List.of("ok", "x\u0000"), null, T))).hasMessage("attackSurface[1] must not contain NUL (U+0000) characters");
        Ticket bad = new Ticket("jira", "X-1", null, null, "\udc00", null, null, List.of());
        assertThatThrownBy(() -> CommandInputs.check(new UpdateRisk(T + "#risk#a#b", T, "#risk#a#b", null, null, null,
                null, List.of(bad), null, T))).hasMessageStartingWith("tickets[0].assignee is not valid");
    }

    @Test
    void membersAnIndexSortsByAreHeldToTheIndexLimit() {
        String name = "k".repeat(StoreLimits.INDEXED_BYTES + 1);
        assertThatThrownBy(() -> CommandInputs.check(new IssueApiKey("id", T, name, "hash", "admin", null, T)))
                .hasMessage("name is longer than 1024 bytes (UTF-8)");
        // the same length in a free-text member is fine
        assertThatCode(() -> CommandInputs.check(new UpsertAsset(T + "#asset#a#b", T, "a", "b", null, null, null,
                name, T))).doesNotThrowAnyException();
    }

    @Test
    void whoMembersAreHeldToTheAccountTables() {
        String member = "m".repeat(CommandInputs.IDENTITY_CHARS) + "@example.com";
        assertThatThrownBy(() -> CommandInputs.check(new LinkAccount("id", T, member, member, "admin", T)))
                .hasMessage("member is longer than 320 characters");
    }

    @Test
    void jsonTextMembersAreDocumentsDynamoDbCanHold() {
        assertThatThrownBy(() -> CommandInputs.check(new StoreSetting(T + "#setting#s", T, "#setting#s", "s",
                "1e308", T))).hasMessageStartingWith("value is out of range");
        assertThatThrownBy(() -> CommandInputs.check(new StoreSetting(T + "#setting#s", T, "#setting#s", "s",
                "{\"\":1}", T))).hasMessage("value has a member with an empty name");
    }

    @Test
    void instantsListsAndTheWholeRecordAreBounded() {
        assertThatThrownBy(() -> CommandInputs.check(new IssueApiKey("id", T, "k", "hash", "admin",
                Instant.parse("+20000-01-01T00:00:00Z"), T))).hasMessageStartingWith("expires must be between");
        List<String> many = Collections.nCopies(StoreLimits.ENTRIES + 1, "x");
        assertThatThrownBy(() -> CommandInputs.check(new UpsertAsset(T + "#asset#a#b", T, "a", "b", null, null, many,
                null, T))).hasMessage("attackSurface has more than 1000 entries");
        List<String> big = Collections.nCopies(10, "t".repeat(StoreLimits.TEXT_BYTES));
        assertThatThrownBy(() -> CommandInputs.check(new UpdateRisk(T + "#risk#a#b", T, "#risk#a#b", null, null, null,
                big, null, null, T))).hasMessageContaining("more than one record can store");
    }

    @Test
    void resultItemsThatBecomeRecordsOfTheirOwnAreBudgetedOneByOne() {
        List<JobResults.AssetItem> assets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            assets.add(new JobResults.AssetItem("example.com", "h" + i + "x".repeat(10_000), null));
        }
        var items = new JobResults.Items(assets, List.of(), List.of(), List.of(), List.of());
        // 300 KB of items in all, but every item is its own asset
        assertThatCode(() -> CommandInputs.check(new FinishJob("id", T, "#job#a#b#c", "JP", null, items, T)))
                .doesNotThrowAnyException();
        var broken = new JobResults.Items(List.of(new JobResults.AssetItem("a\u0000", "b", null)), List.of(),
                List.of(), List.of(), List.of());
        assertThatThrownBy(() -> CommandInputs.check(new FinishJob("id", T, "#job#a#b#c", "JP", null, broken, T)))
                .hasMessageStartingWith("items.assets[0].dns must not contain NUL");
    }

    @Test
    void asADispatchInterceptorItRefusesBeforeAnyHandlerRuns() {
        var message = GenericCommandMessage.asCommandMessage(new AddAttribute(T + "#asset#a#b", T, "#asset#a#b",
                "n", "v\u0000", null, T));
        assertThatThrownBy(() -> new CommandInputs().handle(List.of(message)).apply(0, message))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("value must not contain NUL");
        var fine = GenericCommandMessage.asCommandMessage(new AddAttribute(T + "#asset#a#b", T, "#asset#a#b", "n",
                "v", null, T));
        assertThat(new CommandInputs().handle(List.of(fine)).apply(0, fine)).isSameAs(fine);
    }
}
