package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_A;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_B;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_C;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_CURRENT;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_DECOY;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_MAIN;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.expectedSession;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.ordered;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.putPrompt;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.v2Archive;
import static io.github.agentledger.checkpoint.jgit.FixtureLayouts.putTranscript;
import static io.github.agentledger.checkpoint.jgit.FixtureLayouts.shard;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.agentledger.checkpoint.jgit.EntireMetadataJson.SlotPaths;
import io.github.agentledger.checkpoint.jgit.EntireMetadataJson.Style;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The v2 fixtures (spec §6 and Decision 2): the seed design this project writes, and the later
 * upstream shape readers must also accept. Both have three checkpoints spread over
 * {@code /full/current} and archived generations, one of them stored in two generations so that
 * a reader's search order (current first, then archives newest first) decides what it returns.
 */
final class EntireV2Fixtures {
  /** Message of the orphan commit that restarts {@code /full/current} after an archive. */
  static final String START_GENERATION = "Start generation";
  static final String ARCHIVE_GENERATION = "Archive generation";

  private EntireV2Fixtures() {}

  /**
   * Seed design: {@code /main} holds summaries, session metadata and prompts; {@code /full/current}
   * holds {@code full.jsonl[.NNN]} + {@code content_hash.txt} per slot and a root
   * {@code generation.json} with a {@code checkpoints} list. {@link EntireLayoutFixtures#CP_A} was
   * written, archived as {@code /full/0000000000001}, then rewritten (a longer transcript) into the
   * new {@code /full/current}: the current copy is the one to read.
   * {@link EntireLayoutFixtures#CP_C} is chunked in two files.
   */
  static FixtureRepository seed(Path directory) {
    EntireLayoutFixtures f = EntireLayoutFixtures.start(directory);
    f.orphan(V2_MAIN, new TreeMap<>(), "Initialize v2 ref");
    f.orphan(V2_CURRENT, new TreeMap<>(), "Initialize v2 ref");
    Map<String, Instant> generation = new LinkedHashMap<>();
    FixtureSession a = f.session("s-a0", "Claude Code", 3, 0);
    writeSeed(f, CP_A, a, generation);
    f.copyRef(V2_CURRENT, v2Archive(1));
    generation.clear();
    f.orphan(V2_CURRENT, generationFile(generation), START_GENERATION);
    ExpectedCheckpoint b = writeSeed(f, CP_B, f.session("s-b0", "Codex", 4, 0), generation);
    FixtureSession rewritten = f.session("s-a0", "Claude Code", 6, 0);
    ExpectedCheckpoint a2 = writeSeed(f, CP_A, rewritten, generation);
    ExpectedCheckpoint c = writeSeed(f, CP_C, f.session("s-c0", "Claude Code", 5, 3), generation);
    return f.result(List.of(a2, b, c));
  }

  private static ExpectedCheckpoint writeSeed(EntireLayoutFixtures f, String id,
      FixtureSession s, Map<String, Instant> generation) {
    String slot = shard(id) + "/0/";
    SortedMap<String, byte[]> main = f.tree(V2_MAIN);
    FixtureLayouts.clear(main, shard(id));
    String metadata = EntireMetadataJson.session(id, s, Style.V2);
    main.put(slot + "metadata.json", metadata.getBytes(UTF_8));
    putPrompt(main, slot, s);
    String summary = EntireMetadataJson.summary(id, List.of(s),
        List.of(new SlotPaths(Optional.empty(), Optional.empty(), true)), Style.V2);
    main.put(shard(id) + "/metadata.json", summary.getBytes(UTF_8));
    f.commit(V2_MAIN, main, "Checkpoint: " + id + "\n");

    SortedMap<String, byte[]> full = f.tree(V2_CURRENT);
    FixtureLayouts.clear(full, shard(id) + "/0");
    List<String> names = putTranscript(full, slot, s, "full.jsonl", "content_hash.txt");
    generation.putIfAbsent(id, s.createdAt());
    full.putAll(generationFile(generation));
    f.commit(V2_CURRENT, full, "Checkpoint: " + id + "\n");
    return new ExpectedCheckpoint(id, summary,
        List.of(expectedSession(0, s, metadata, names, V2_CURRENT, new byte[0])));
  }

  /**
   * The seed design's root {@code generation.json}: the ids in the order they were first added,
   * and the times the first and the last of them were added (no times while it is empty).
   */
  private static SortedMap<String, byte[]> generationFile(Map<String, Instant> added) {
    Map<String, Object> json = ordered("checkpoints", List.copyOf(added.keySet()));
    if (!added.isEmpty()) {
      List<Instant> times = List.copyOf(added.values());
      json.put("oldest_checkpoint_at", EntireMetadataJson.time(times.get(0)));
      json.put("newest_checkpoint_at", EntireMetadataJson.time(times.get(times.size() - 1)));
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("generation.json", FixtureJson.indented(json).getBytes(UTF_8));
    return files;
  }

  /**
   * Later upstream shape: {@code /main} also holds the compact {@code transcript.jsonl} +
   * {@code transcript_hash.txt} (the summary points at them); {@code /full/*} hold
   * {@code raw_transcript[.NNN]} + {@code raw_transcript_hash.txt} and no root file, except
   * archives made after the change, which get {@code generation.json} (timestamps only) in an
   * {@value #ARCHIVE_GENERATION} commit. Archive 1 (no {@code generation.json}) holds an old copy
   * of {@link EntireLayoutFixtures#CP_A}, archive 2 the rewritten one and
   * {@link EntireLayoutFixtures#CP_B}; {@code /full/current} holds
   * {@link EntireLayoutFixtures#CP_C} chunked. The ref {@value EntireLayoutFixtures#V2_DECOY}
   * (not 13 digits) holds a wrong
   * transcript for {@code CP_A} that a reader must never return.
   */
  static FixtureRepository upstream(Path directory) {
    EntireLayoutFixtures f = EntireLayoutFixtures.start(directory);
    f.orphan(V2_MAIN, new TreeMap<>(), "Initialize v2 ref");
    f.orphan(V2_CURRENT, new TreeMap<>(), "Initialize v2 ref");
    writeUpstream(f, CP_A, f.session("s-a0", "Claude Code", 3, 0));
    f.copyRef(V2_CURRENT, v2Archive(1));
    f.orphan(V2_CURRENT, new TreeMap<>(), START_GENERATION);
    ExpectedCheckpoint b = writeUpstream(f, CP_B, f.session("s-b0", "Codex", 4, 0));
    ExpectedCheckpoint a = writeUpstream(f, CP_A, f.session("s-a0", "Claude Code", 6, 0));
    Instant newest = a.latestSession().createdAt();
    SortedMap<String, byte[]> archived = f.tree(V2_CURRENT);
    archived.put("generation.json", FixtureJson.indented(ordered(
        "oldest_checkpoint_at", EntireMetadataJson.time(b.latestSession().createdAt()),
        "newest_checkpoint_at", EntireMetadataJson.time(newest))).getBytes(UTF_8));
    f.commit(V2_CURRENT, archived, ARCHIVE_GENERATION);
    f.copyRef(V2_CURRENT, v2Archive(2));
    f.orphan(V2_CURRENT, new TreeMap<>(), START_GENERATION);
    ExpectedCheckpoint c = writeUpstream(f, CP_C, f.session("s-c0", "Claude Code", 5, 2));
    SortedMap<String, byte[]> decoy = new TreeMap<>();
    decoy.put(shard(CP_A) + "/0/raw_transcript", "{\"decoy\":true}\n".getBytes(UTF_8));
    decoy.put(shard(CP_A) + "/0/raw_transcript_hash.txt",
        FixtureLayouts.sha256("{\"decoy\":true}\n".getBytes(UTF_8)).getBytes(UTF_8));
    f.orphan(V2_DECOY, decoy, "Checkpoint: " + CP_A + "\n");
    return f.result(List.of(relocate(a, v2Archive(2)), relocate(b, v2Archive(2)), c));
  }

  private static ExpectedCheckpoint writeUpstream(EntireLayoutFixtures f, String id,
      FixtureSession s) {
    String slot = shard(id) + "/0/";
    byte[] compact = compactTranscript(s);
    SortedMap<String, byte[]> main = f.tree(V2_MAIN);
    FixtureLayouts.clear(main, shard(id));
    String metadata = EntireMetadataJson.session(id, s, Style.V2);
    main.put(slot + "metadata.json", metadata.getBytes(UTF_8));
    putPrompt(main, slot, s);
    main.put(slot + "transcript.jsonl", compact);
    main.put(slot + "transcript_hash.txt", FixtureLayouts.sha256(compact).getBytes(UTF_8));
    String summary = EntireMetadataJson.summary(id, List.of(s), List.of(new SlotPaths(
        Optional.of("transcript.jsonl"), Optional.of("transcript_hash.txt"), true)), Style.V2);
    main.put(shard(id) + "/metadata.json", summary.getBytes(UTF_8));
    f.commit(V2_MAIN, main, "Checkpoint: " + id + "\n");

    SortedMap<String, byte[]> full = f.tree(V2_CURRENT);
    FixtureLayouts.clear(full, shard(id) + "/0");
    List<String> names =
        putTranscript(full, slot, s, "raw_transcript", "raw_transcript_hash.txt");
    f.commit(V2_CURRENT, full, "Checkpoint: " + id + "\n");
    return new ExpectedCheckpoint(id, summary,
        List.of(expectedSession(0, s, metadata, names, V2_CURRENT, compact)));
  }

  private static byte[] compactTranscript(FixtureSession s) {
    return ("{\"v\":1,\"agent\":\"claude-code\",\"cli_version\":\"0.6.1\",\"type\":\"user\","
        + "\"ts\":\"" + EntireMetadataJson.time(s.createdAt()) + "\",\"content\":[{\"text\":\""
        + s.prompts().get(0) + "\"}]}\n").getBytes(UTF_8);
  }

  private static ExpectedCheckpoint relocate(ExpectedCheckpoint checkpoint, String ref) {
    List<ExpectedSession> sessions = checkpoint.sessions().stream()
        .map(s -> new ExpectedSession(s.index(), s.sessionId(), s.agent(), s.createdAt(),
            s.metadataJson(), s.prompts(), s.transcript(), s.transcriptFiles(), s.contentHash(),
            Optional.of(ref), s.compactTranscript()))
        .toList();
    return new ExpectedCheckpoint(checkpoint.id(), checkpoint.summaryJson(), sessions);
  }
}
