package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
  @Test
  void pushStatusAndFetchThroughABareRemote(@TempDir Path dir) throws Exception {
    assumeTrue(GitCli.available(), "git is on the PATH");
    Path remote = Files.createDirectory(dir.resolve("remote.git"));
    new GitCli(remote).run("init", "-q", "--bare");
    Path alice = dir.resolve("alice");
    LibraryRepository.write(alice, CheckpointLayout.DUAL_WRITE, List.of("ab0000000001"), "a", 100);
    new GitCli(alice).run("remote", "add", "origin", remote.toString());

    Cli before = Cli.run("sync", "status", "--json", "--repo", alice.toString());
    assertThat(before.status()).isEqualTo(1);
    assertThat(states(before).values()).containsOnly("local_only");

    Cli push = Cli.run("sync", "push", "--json", "-q", "--repo", alice.toString());
    assertThat(push.status()).as(push.out() + push.err()).isEqualTo(0);
    assertThat(push.err()).isEmpty();
    assertThat(push.json().getAsJsonArray("refs").toString()).contains("pushed")
        .contains(CheckpointRefs.V1).contains(CheckpointRefs.V2_MAIN);

    Cli after = Cli.run("sync", "status", "--repo", alice.toString());
    assertThat(after.status()).isEqualTo(0);
    assertThat(after.out()).contains("up_to_date   " + CheckpointRefs.V1);

    Path bob = Files.createDirectory(dir.resolve("bob"));
    GitCli bobGit = new GitCli(bob);
    bobGit.run("init", "-q", "-b", "main");
    bobGit.run("remote", "add", "origin", remote.toString());
    Cli fetch = Cli.run("sync", "fetch", "--repo", bob.toString());
    assertThat(fetch.status()).isEqualTo(0);
    assertThat(fetch.out()).contains("fetched");
    assertThat(Cli.run("checkpoints", "list", "--repo", bob.toString()).out())
        .contains("ab0000000001");

    Cli noRemote = Cli.run("sync", "push", "--remote", "nowhere", "--repo", bob.toString());
    assertThat(noRemote.status()).isEqualTo(3);
  }

  private static Map<String, String> states(Cli status) {
    Map<String, String> states = new HashMap<>();
    for (JsonElement row : status.json().getAsJsonArray("refs")) {
      states.put(row.getAsJsonObject().get("ref").getAsString(),
          row.getAsJsonObject().get("state").getAsString());
    }
    return states;
  }
}
