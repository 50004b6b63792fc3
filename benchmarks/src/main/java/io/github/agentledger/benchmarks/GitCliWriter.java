package io.github.agentledger.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Adds one checkpoint with git plumbing processes ({@code hash-object}, {@code ls-tree},
 * {@code mktree}, {@code commit-tree}, {@code update-ref} with the expected old value), the way a
 * shell script would. Baseline only.
 */
final class GitCliWriter {
  private final Path directory;

  GitCliWriter(Path directory) {
    this.directory = directory;
  }

  String write(String id, byte[] transcript) {
    String shard = id.substring(0, 2);
    String tip = git(null, "rev-parse", BenchRepository.V1_BRANCH).trim();
    String transcriptBlob = git(transcript, "hash-object", "-w", "--stdin").trim();
    String metadataBlob = git(Transcripts.sessionMetadata(id, "2026-05-01T00:00:00Z"),
        "hash-object", "-w", "--stdin").trim();
    String summaryBlob = git(Transcripts.summary(id), "hash-object", "-w", "--stdin").trim();
    String hashBlob =
        git(Transcripts.contentHash(transcript), "hash-object", "-w", "--stdin").trim();
    String promptBlob = git(bytes("do the thing"), "hash-object", "-w", "--stdin").trim();
    String session = mktree("100644 blob " + hashBlob + "\tcontent_hash.txt\n"
        + "100644 blob " + transcriptBlob + "\tfull.jsonl\n"
        + "100644 blob " + metadataBlob + "\tmetadata.json\n"
        + "100644 blob " + promptBlob + "\tprompt.txt\n");
    String checkpoint = mktree("040000 tree " + session + "\t0\n"
        + "100644 blob " + summaryBlob + "\tmetadata.json\n");
    String shardListing = gitAllowFailure("ls-tree", tip + ":" + shard);
    String shardTree = mktree(shardListing + "040000 tree " + checkpoint + "\t" + id.substring(2)
        + "\n");
    StringBuilder root = new StringBuilder();
    for (String line : git(null, "ls-tree", tip).split("\n")) {
      if (!line.isEmpty() && !line.endsWith("\t" + shard)) {
        root.append(line).append('\n');
      }
    }
    root.append("040000 tree ").append(shardTree).append('\t').append(shard).append('\n');
    String tree = mktree(root.toString());
    String commit = git(null, "commit-tree", tree, "-p", tip, "-m", "Checkpoint: " + id).trim();
    git(null, "update-ref", BenchRepository.V1_BRANCH, commit, tip);
    return commit;
  }

  private String mktree(String listing) {
    return git(bytes(listing), "mktree").trim();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String gitAllowFailure(String... args) {
    return run(null, false, args);
  }

  private String git(byte @Nullable [] stdin, String... args) {
    return run(stdin, true, args);
  }

  private String run(byte @Nullable [] stdin, boolean mustSucceed, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("GIT_AUTHOR_NAME", "Bench");
    builder.environment().put("GIT_AUTHOR_EMAIL", "bench@example.com");
    builder.environment().put("GIT_COMMITTER_NAME", "Bench");
    builder.environment().put("GIT_COMMITTER_EMAIL", "bench@example.com");
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (mustSucceed && exit != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " exited " + exit);
      }
      return exit == 0 ? out : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
