package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes git objects with plumbing commands only ({@code hash-object -w --stdin}, {@code mktree},
 * {@code commit-tree}, {@code update-ref}), so fixtures do not depend on the JGit code under test.
 * Files are {@code 100644} blobs and directories {@code 040000} trees, as the checkpoint format
 * prescribes. Not thread-safe (it caches object ids of content it has written).
 */
final class GitPlumbing {
  private final GitCli git;
  private final Map<String, String> blobs = new HashMap<>();
  private final Map<String, String> trees = new HashMap<>();

  GitPlumbing(GitCli git) {
    this.git = git;
  }

  /** {@return the object id of a blob holding {@code content}} */
  String blob(byte[] content) {
    return blobs.computeIfAbsent(new String(content, ISO_8859_1),
        key -> git.textWithInput(content, "hash-object", "-w", "--stdin"));
  }

  /**
   * Writes the tree of {@code files} (slash-separated paths to contents; no empty directories).
   *
   * @return the root tree id
   */
  String tree(SortedMap<String, byte[]> files) {
    SortedMap<String, byte[]> here = new TreeMap<>();
    SortedMap<String, SortedMap<String, byte[]>> below = new TreeMap<>();
    files.forEach((path, content) -> {
      int slash = path.indexOf('/');
      if (slash < 0) {
        here.put(path, content);
      } else {
        below.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>())
            .put(path.substring(slash + 1), content);
      }
    });
    StringBuilder listing = new StringBuilder();
    here.forEach((name, content) -> listing.append("100644 blob ").append(blob(content))
        .append('\t').append(name).append('\0'));
    below.forEach((name, subtree) -> listing.append("040000 tree ").append(tree(subtree))
        .append('\t').append(name).append('\0'));
    String input = listing.toString();
    return trees.computeIfAbsent(input,
        key -> git.textWithInput(input.getBytes(UTF_8), "mktree", "-z"));
  }

  /** Writes a commit of {@code tree} with the given parents and exact message bytes. */
  String commit(Instant date, String tree, List<String> parents, String message) {
    List<String> args = new ArrayList<>(List.of("commit-tree", tree));
    for (String parent : parents) {
      args.add("-p");
      args.add(parent);
    }
    return git.at(date).textWithInput(message.getBytes(UTF_8), args.toArray(String[]::new));
  }

  /** Points {@code ref} at {@code commit}. */
  void updateRef(String ref, String commit) {
    git.text("update-ref", ref, commit);
  }

  /** Deletes {@code ref}. */
  void deleteRef(String ref) {
    git.text("update-ref", "-d", ref);
  }

  GitCli git() {
    return git;
  }
}
