package io.github.agentledger.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Writes trees of files with {@code git hash-object -w} and {@code git mktree}. */
final class Plumbing {
  private Plumbing() {}

  /**
   * Writes the tree of {@code files} (slash-separated paths to contents).
   *
   * @return the root tree id
   */
  static String tree(GitCli git, SortedMap<String, byte[]> files) {
    SortedMap<String, byte[]> here = new TreeMap<>();
    SortedMap<String, SortedMap<String, byte[]>> below = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      int slash = path.indexOf('/');
      if (slash < 0) {
        here.put(path, file.getValue());
      } else {
        below.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>())
            .put(path.substring(slash + 1), file.getValue());
      }
    }
    StringBuilder listing = new StringBuilder();
    here.forEach((name, content) -> listing.append("100644 blob ")
        .append(git.run(content, "hash-object", "-w", "--stdin")).append('\t').append(name)
        .append('\n'));
    below.forEach((name, sub) -> listing.append("040000 tree ").append(tree(git, sub))
        .append('\t').append(name).append('\n'));
    return git.run(utf8(listing.toString()), "mktree");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8(text)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
