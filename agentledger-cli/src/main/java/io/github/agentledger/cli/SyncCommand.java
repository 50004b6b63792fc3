package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

/**
 * {@code agentledger sync}: push and fetch of checkpoint refs through {@link CheckpointSync}, and
 * a read-only status that compares local checkpoint refs with the remote's.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Push, fetch and compare checkpoint refs with a remote.")
final class SyncCommand {
  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Push every local checkpoint ref, reconciling when the remote moved on.")
  int push(@Mixin RepoOptions repo, @Mixin OutputOptions output,
      @Option(names = "--remote", defaultValue = "origin", paramLabel = "NAME") String remote)
      throws IOException {
    try (Repository repository = repo.open()) {
      output.progress("pushing checkpoint refs to " + remote);
      return report(output, remote, "push",
          CheckpointSync.builder(repository).remote(remote).build().push());
    }
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Fetch the remote's checkpoint refs, merging where both sides moved.")
  int fetch(@Mixin RepoOptions repo, @Mixin OutputOptions output,
      @Option(names = "--remote", defaultValue = "origin", paramLabel = "NAME") String remote)
      throws IOException {
    try (Repository repository = repo.open()) {
      output.progress("fetching checkpoint refs from " + remote);
      return report(output, remote, "fetch",
          CheckpointSync.builder(repository).remote(remote).build().fetch());
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Compare local and remote checkpoint refs; changes nothing.")
  int status(@Mixin RepoOptions repo, @Mixin OutputOptions output,
      @Option(names = "--remote", defaultValue = "origin", paramLabel = "NAME") String remote)
      throws IOException {
    try (Repository repository = repo.open(); RevWalk walk = new RevWalk(repository)) {
      Map<String, ObjectId> local = new TreeMap<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(CheckpointRefs.ENTIRE_PREFIX,
          CheckpointRefs.V1)) {
        local.put(ref.getName(), ref.getObjectId());
      }
      Map<String, ObjectId> remoteRefs = new TreeMap<>();
      output.progress("listing the refs of " + remote);
      try {
        for (Ref ref : Git.wrap(repository).lsRemote().setRemote(remote).call()) {
          if (ref.getName().startsWith(CheckpointRefs.ENTIRE_PREFIX)
              || ref.getName().equals(CheckpointRefs.V1)) {
            remoteRefs.put(ref.getName(), ref.getObjectId());
          }
        }
      } catch (GitAPIException e) {
        throw new CheckpointSyncException(remote, "list refs", String.valueOf(e.getMessage()), e);
      }
      TreeMap<String, Object> names = new TreeMap<>();
      local.keySet().forEach(name -> names.put(name, name));
      remoteRefs.keySet().forEach(name -> names.put(name, name));
      List<Object> rows = new ArrayList<>();
      boolean inSync = true;
      for (String name : names.keySet()) {
        ObjectId mine = local.get(name);
        ObjectId theirs = remoteRefs.get(name);
        String state = state(walk, mine, theirs);
        inSync &= state.equals("up_to_date");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ref", name);
        row.put("local", mine == null ? null : mine.name());
        row.put("remote", theirs == null ? null : theirs.name());
        row.put("state", state);
        rows.add(row);
        output.line(String.format("%-12s %s", state, name));
      }
      if (names.isEmpty()) {
        output.line("no checkpoint refs on either side");
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("remote", remote);
      json.put("refs", rows);
      output.json(json);
      return inSync ? Exit.OK : Exit.PROBLEM;
    }
  }

  /** up_to_date, local_only, remote_only, ahead, behind (or unknown: fetch first), diverged. */
  private static String state(RevWalk walk, @Nullable ObjectId mine, @Nullable ObjectId theirs)
      throws IOException {
    if (mine == null) {
      return "remote_only";
    }
    if (theirs == null) {
      return "local_only";
    }
    if (mine.equals(theirs)) {
      return "up_to_date";
    }
    if (!walk.getObjectReader().has(theirs)) {
      return "behind";
    }
    walk.reset();
    boolean theirsInMine = walk.isMergedInto(walk.parseCommit(theirs), walk.parseCommit(mine));
    walk.reset();
    boolean mineInTheirs = walk.isMergedInto(walk.parseCommit(mine), walk.parseCommit(theirs));
    return theirsInMine ? "ahead" : mineInTheirs ? "behind" : "diverged";
  }

  private static int report(OutputOptions output, String remote, String action, SyncResult result) {
    List<Object> rows = new ArrayList<>();
    for (SyncResult.RefOutcome outcome : result.refs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("ref", outcome.ref());
      row.put("status", outcome.status().name().toLowerCase());
      row.put("commit", outcome.commit().map(Object::toString));
      row.put("detail", outcome.detail());
      rows.add(row);
      output.line(String.format("%-12s %s", outcome.status().name().toLowerCase(), outcome.ref())
          + (outcome.detail().isEmpty() ? "" : ": " + Terminal.safe(outcome.detail())));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("remote", remote);
    json.put("action", action);
    json.put("refs", rows);
    json.put("all_succeeded", result.allSucceeded());
    output.json(json);
    return result.allSucceeded() ? Exit.OK : Exit.PROBLEM;
  }
}
