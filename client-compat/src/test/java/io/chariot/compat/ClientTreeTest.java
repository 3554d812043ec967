package io.chariot.compat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTreeTest {

    private static Path tree(Path at) throws Exception {
        Files.createDirectories(at.resolve("praetorian_cli/sdk/test"));
        return at;
    }

    @Test
    void theDefaultIsTheSharedClientBesideTheRepository(@TempDir Path work) throws Exception {
        Path root = Files.createDirectories(work.resolve("main"));
        Path client = tree(work.resolve("shared/clients/praetorian-cli-2.4.8"));

        ClientTree.Located located = ClientTree.locate(root, null);

        assertThat(located.problem()).isNull();
        assertThat(located.tree()).isEqualTo(client);
    }

    @Test
    void aRelativePathIsTakenFromTheProjectRootThenFromTheRepositorysParent(@TempDir Path work) throws Exception {
        Path root = Files.createDirectories(work.resolve("main"));
        Path besideRepo = tree(work.resolve("clients/cli"));
        assertThat(ClientTree.locate(root, "clients/cli").tree()).isEqualTo(besideRepo);

        Path inRepo = tree(root.resolve("clients/cli"));
        assertThat(ClientTree.locate(root, "clients/cli").tree()).isEqualTo(inRepo);
        assertThat(ClientTree.locate(root, besideRepo.toString()).tree()).isEqualTo(besideRepo);
    }

    @Test
    void aMissingTreeSaysWhereItWasLookedFor(@TempDir Path work) throws Exception {
        Path root = Files.createDirectories(work.resolve("main"));
        Files.createDirectories(work.resolve("empty"));

        ClientTree.Located located = ClientTree.locate(root, "empty");

        assertThat(located.tree()).isNull();
        assertThat(located.problem()).contains(root.resolve("empty").toString(), work.resolve("empty").toString(),
                "CHARIOT_COMPAT_CLIENT");
    }
}
