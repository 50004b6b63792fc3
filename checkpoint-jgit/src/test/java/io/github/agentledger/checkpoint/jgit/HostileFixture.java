package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A valid checkpoint store of one layout, laid out with {@code git} plumbing as the Entire CLI
 * lays it out (v1 branch; v2 {@code /main} + {@code /full/current} with {@code generation.json};
 * git-refs, one ref per checkpoint), and the raw object surgery that damages it: rewriting a loose
 * object's content in place (git does not re-hash on read, so a tree keeps pointing at the damaged
 * object), deleting objects, moving refs. Every checkpoint has two sessions; slot 1 of the first
 * checkpoint has a transcript in three chunks ({@code full.jsonl}, {@code .001}, {@code .002}).
 * Not thread-safe.
 */
final class HostileFixture {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  /** The hex ids of the v1 and v2 fixtures. */
  static final List<String> HEX_IDS = List.of("a3b2c4d5e6f7", "0f1e2d3c4b5a");
  /** The ULIDs of the git-refs fixture. */
  static final List<String> ULIDS = List.of("01KVBJCWYA4YW6J5M9GP655HZN", "01KVBJD96J55PB4WRH2EADBE5T");
  static final String V1 = "refs/heads/entire/checkpoints/v1";
  static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  static final String V2_FULL = "refs/entire/checkpoints/v2/full/current";

  private final CheckpointLayout layout;
  private final Path workTree;
  private final GitPlumbing git;

  private HostileFixture(CheckpointLayout layout, Path directory) {
    this.layout = layout;
    this.workTree = directory.resolve("repo");
    try {
      Files.createDirectories(workTree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli cli = GitCli.in(workTree, directory.resolve("home"), T0);
    cli.text("init", "-q", "-b", "main");
    this.git = new GitPlumbing(cli);
  }

  /** Lays out a valid store of {@code layout} (V1, V2 or GIT_REFS) in {@code directory/repo}. */
  static HostileFixture build(CheckpointLayout layout, Path directory) {
    HostileFixture fixture = new HostileFixture(layout, directory);
    fixture.layOut();
    return fixture;
  }

  CheckpointLayout layout() {
    return layout;
  }

  Path workTree() {
    return workTree;
  }

  Path gitDir() {
    return workTree.resolve(".git");
  }

  GitCli git() {
    return git.git();
  }

  /** {@return the ids of the checkpoints the fixture holds} */
  List<String> ids() {
    return layout == CheckpointLayout.GIT_REFS ? ULIDS : HEX_IDS;
  }

  /** {@return the refs the fixture wrote} */
  List<String> refs() {
    return switch (layout) {
      case V1 -> List.of(V1);
      case V2 -> List.of(V2_MAIN, V2_FULL);
      default -> ULIDS.stream().map(GitRefsFixture::ref).toList();
    };
  }

  /** {@return the path of a checkpoint's directory on the ref holding its metadata} */
  String dir(String id) {
    return layout == CheckpointLayout.GIT_REFS ? "" : id.substring(0, 2) + "/" + id.substring(2) + "/";
  }

  /** {@return the ref holding a checkpoint's summary and session metadata} */
  String metadataRef(String id) {
    return switch (layout) {
      case V1 -> V1;
      case V2 -> V2_MAIN;
      default -> GitRefsFixture.ref(id);
    };
  }

  /** {@return the ref holding a checkpoint's transcripts} */
  String transcriptRef(String id) {
    return layout == CheckpointLayout.V2 ? V2_FULL : metadataRef(id);
  }

  /** {@return the transcript stored in a slot} */
  static byte[] transcript(String id, int slot) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      out.append("{\"type\":\"").append(i % 2 == 0 ? "user" : "assistant")
          .append("\",\"checkpoint\":\"").append(id).append("\",\"slot\":").append(slot)
          .append(",\"line\":").append(i).append("}");
      if (i < 2) {
        out.append('\n');
      }
    }
    return out.toString().getBytes(UTF_8);
  }

  private void layOut() {
    Instant at = T0;
    switch (layout) {
      case V1 -> {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < HEX_IDS.size(); i++) {
          putCheckpoint(files, HEX_IDS.get(i), dir(HEX_IDS.get(i)), at.plusSeconds(60L * i), true,
              true);
        }
        ref(V1, files, "Checkpoint");
      }
      case V2 -> {
        SortedMap<String, byte[]> main = new TreeMap<>();
        SortedMap<String, byte[]> full = new TreeMap<>();
        for (int i = 0; i < HEX_IDS.size(); i++) {
          String id = HEX_IDS.get(i);
          putCheckpoint(main, id, dir(id), at.plusSeconds(60L * i), true, false);
          putCheckpoint(full, id, dir(id), at.plusSeconds(60L * i), false, true);
        }
        full.put("generation.json", ("{\n  \"checkpoints\": [\n    \"" + HEX_IDS.get(0)
            + "\",\n    \"" + HEX_IDS.get(1) + "\"\n  ],\n  \"oldest_checkpoint_at\": \""
            + at + "\",\n  \"newest_checkpoint_at\": \"" + at.plusSeconds(60) + "\"\n}\n")
            .getBytes(UTF_8));
        ref(V2_MAIN, main, "Checkpoints");
        ref(V2_FULL, full, "Start generation");
      }
      case GIT_REFS -> {
        for (int i = 0; i < ULIDS.size(); i++) {
          SortedMap<String, byte[]> files = new TreeMap<>();
          putCheckpoint(files, ULIDS.get(i), "", at.plusSeconds(60L * i), true, true);
          ref(GitRefsFixture.ref(ULIDS.get(i)), files, "Checkpoint: " + ULIDS.get(i));
        }
      }
      default -> throw new IllegalArgumentException("no hostile fixture for " + layout);
    }
  }

  private void ref(String ref, SortedMap<String, byte[]> files, String message) {
    String commit = git.commit(T0, git.tree(files), List.of(), message + "\n");
    git.updateRef(ref, commit);
  }

  private static void putCheckpoint(SortedMap<String, byte[]> files, String id, String base,
      Instant createdAt, boolean metadata, boolean transcripts) {
    for (int slot = 0; slot < 2; slot++) {
      SortedMap<String, byte[]> slotFiles = new TreeMap<>();
      GitRefsFixture.putSession(slotFiles, base, id, slot, "s-" + slot + "-" + id,
          createdAt.plusSeconds(slot));
      String dir = base + slot + "/";
      byte[] transcript = transcript(id, slot);
      slotFiles.remove(dir + "full.jsonl");
      slotFiles.put(dir + "content_hash.txt", FixtureLayouts.sha256(transcript).getBytes(UTF_8));
      if (slot == 1 && id.equals(idsOf(id).get(0))) {
        // Three chunks, cut at line boundaries as the Entire CLI cuts them.
        String[] lines = new String(transcript, UTF_8).split("\n");
        slotFiles.put(dir + "full.jsonl", lines[0].getBytes(UTF_8));
        slotFiles.put(dir + "full.jsonl.001", lines[1].getBytes(UTF_8));
        slotFiles.put(dir + "full.jsonl.002", lines[2].getBytes(UTF_8));
      } else {
        slotFiles.put(dir + "full.jsonl", transcript);
      }
      slotFiles.forEach((path, content) -> {
        boolean isTranscript = path.contains("full.jsonl") || path.endsWith("content_hash.txt");
        if (isTranscript ? transcripts : metadata) {
          files.put(path, content);
        }
      });
    }
    if (metadata) {
      GitRefsFixture.putSummary(files, base, id, 2, 2);
    }
  }

  private static List<String> idsOf(String id) {
    return HEX_IDS.contains(id) ? HEX_IDS : ULIDS;
  }

  // ---- raw object surgery -------------------------------------------------------------------

  /** {@return the object id at {@code ref:path} ({@code path} empty for the commit's tree)} */
  String objectAt(String ref, String path) {
    return git().text("rev-parse", ref + "^{commit}:" + path);
  }

  /** {@return every loose object id of the repository} */
  List<String> looseObjects() {
    Path objects = gitDir().resolve("objects");
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getParent().getFileName().toString().length() == 2)
          .map(p -> p.getParent().getFileName().toString() + p.getFileName())
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path objectFile(String id) {
    return gitDir().resolve("objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
  }

  /** A loose object: its type ({@code blob}, {@code tree}, {@code commit}) and content. */
  record RawObject(String type, byte[] content) {}

  /** {@return a loose object, inflated} */
  RawObject read(String id) {
    try {
      byte[] deflated = Files.readAllBytes(objectFile(id));
      Inflater inflater = new Inflater();
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
      }
      inflater.end();
      byte[] raw = out.toByteArray();
      int space = indexOf(raw, (byte) ' ', 0);
      int nul = indexOf(raw, (byte) 0, 0);
      return new RawObject(new String(raw, 0, space, UTF_8),
          java.util.Arrays.copyOfRange(raw, nul + 1, raw.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DataFormatException e) {
      throw new IllegalStateException("object " + id + " does not inflate", e);
    }
  }

  /**
   * Replaces a loose object's content in place, keeping its name (and so every tree entry that
   * points at it): what a damaged disk or a hostile writer leaves.
   */
  void overwrite(String id, String type, byte[] content) {
    byte[] header = (type + " " + content.length + "\0").getBytes(UTF_8);
    byte[] raw = new byte[header.length + content.length];
    System.arraycopy(header, 0, raw, 0, header.length);
    System.arraycopy(content, 0, raw, header.length, content.length);
    Deflater deflater = new Deflater(1);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    try {
      Path file = objectFile(id);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, out.toByteArray());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Overwrites a loose object's file with raw bytes (not even zlib). */
  void overwriteFile(String id, byte[] bytes) {
    try {
      Files.write(objectFile(id), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a loose object, as a partial clone or a pruned mirror lacks it. */
  void delete(String id) {
    try {
      Files.delete(objectFile(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points a ref at any object id, bypassing git's checks (a hostile or broken writer). */
  void pointRef(String ref, String id) {
    try {
      Path file = gitDir().resolve(ref);
      Files.createDirectories(file.getParent());
      Files.writeString(file, id + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tree entry: mode text ({@code 100644}, {@code 40000}, {@code 160000}), name, object id. */
  record TreeEntry(String mode, String name, String id) {}

  /** {@return the entries of a tree object} */
  List<TreeEntry> entries(String treeId) {
    byte[] content = read(treeId).content();
    List<TreeEntry> entries = new java.util.ArrayList<>();
    int at = 0;
    while (at < content.length) {
      int space = indexOf(content, (byte) ' ', at);
      int nul = indexOf(content, (byte) 0, space);
      String mode = new String(content, at, space - at, UTF_8);
      String name = new String(content, space + 1, nul - space - 1, UTF_8);
      String id = HexFormat.of().formatHex(content, nul + 1, nul + 21);
      entries.add(new TreeEntry(mode, name, id));
      at = nul + 21;
    }
    return entries;
  }

  /** Rewrites a tree object in place with these entries, in the order given. */
  void rewriteTree(String treeId, List<TreeEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TreeEntry entry : entries) {
      out.writeBytes((entry.mode() + " " + entry.name() + "\0").getBytes(UTF_8));
      out.writeBytes(HexFormat.of().parseHex(entry.id()));
    }
    overwrite(treeId, "tree", out.toByteArray());
  }

  /** Writes a new loose blob (through git) and returns its id. */
  String newBlob(byte[] content) {
    return git.blob(content);
  }

  /**
   * {@return a digest of everything stored: every file under {@code .git} except git's own
   * logs of the fixture's commands, by path and content}
   */
  Map<String, String> stored() {
    Map<String, String> digests = new TreeMap<>();
    Path dir = gitDir();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        digests.put(dir.relativize(file).toString(),
            HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return digests;
  }

  /** Copies the whole repository to {@code target/repo} (a pristine copy for each mutant). */
  HostileFixture copyTo(Path target) {
    Path repo = target.resolve("repo");
    try (Stream<Path> files = Files.walk(workTree)) {
      for (Path from : files.toList()) {
        Path to = repo.resolve(workTree.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HostileFixture(layout, target, true);
  }

  private HostileFixture(CheckpointLayout layout, Path directory, boolean existing) {
    this.layout = layout;
    this.workTree = directory.resolve("repo");
    this.git = new GitPlumbing(GitCli.in(workTree, directory.resolve("home"), T0));
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
