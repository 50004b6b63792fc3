package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a fixture repository back with the {@code git} command line ({@code ls-tree},
 * {@code cat-file}, {@code rev-list}, {@code interpret-trailers}) to check its layout.
 */
final class GitInspector {
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  /**
   * One entry of a recursive tree listing.
   *
   * @param mode the octal mode, for example {@code 100644}
   * @param type {@code blob} or {@code tree}
   * @param id the object id
   * @param path the full path from the root
   */
  record Entry(String mode, String type, String id, String path) {}

  private final GitCli git;

  GitInspector(Path workTree, Path home) {
    this.git = GitCli.in(workTree, home, EntireLayoutFixtures.T0);
  }

  GitCli git() {
    return git;
  }

  /** {@return every entry (trees included) reachable from {@code treeish}, path to entry} */
  Map<String, Entry> tree(String treeish) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String listing = git.text("ls-tree", "-r", "-t", "--full-tree", treeish);
    for (String line : listing.isEmpty() ? new String[0] : listing.split("\n")) {
      int tab = line.indexOf('\t');
      String[] head = line.substring(0, tab).split(" ");
      String path = line.substring(tab + 1);
      entries.put(path, new Entry(head[0], head[1], head[2], path));
    }
    return entries;
  }

  /** {@return the names directly under the root of {@code treeish}} */
  List<String> rootNames(String treeish) {
    String listing = git.text("ls-tree", "--name-only", treeish);
    return listing.isEmpty() ? List.of() : List.of(listing.split("\n"));
  }

  byte[] blob(String treeish, String path) {
    return git.run(new byte[0], "cat-file", "blob", treeish + ":" + path);
  }

  String text(String treeish, String path) {
    return new String(blob(treeish, path), UTF_8);
  }

  /** {@return the commits of {@code ref}, oldest first, following first parents} */
  List<String> firstParentChain(String ref) {
    List<String> newestFirst = List.of(git.text("rev-list", "--first-parent", ref).split("\n"));
    List<String> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /** {@return the exact message bytes of a commit, as UTF-8} */
  String message(String commit) {
    String raw = new String(git.run(new byte[0], "cat-file", "commit", commit), UTF_8);
    return raw.substring(raw.indexOf("\n\n") + 2);
  }

  /** {@return the header lines of a commit (tree, parent, author, committer)} */
  List<String> headers(String commit) {
    String raw = new String(git.run(new byte[0], "cat-file", "commit", commit), UTF_8);
    return List.of(raw.substring(0, raw.indexOf("\n\n")).split("\n"));
  }

  /** {@return the trailers git itself parses out of {@code message}, one per line} */
  List<String> trailers(String message) {
    String parsed = git.textWithInput(message.getBytes(UTF_8), "interpret-trailers", "--parse");
    return parsed.isEmpty() ? List.of() : List.of(parsed.split("\n"));
  }

  /** {@return the commit id {@code ref} points at, if it exists} */
  java.util.Optional<String> resolve(String ref) {
    String out = git.text("for-each-ref", "--format=%(objectname)", ref);
    return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out);
  }
}
