package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.Attribution;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Merges one checkpoint directory that both sides of a recovery changed, session by session.
 *
 * <p>Sessions are matched by the {@code session_id} of their {@code <n>/metadata.json}; a slot
 * without one (the raw-transcript slots of v2 {@code /full} refs, numbered on {@code /main}) pairs
 * with the slot of the same number. Their slots keep their numbers ("theirs" is published; other
 * clones may already point at its slot numbers); a session only ours has is appended after their
 * last slot. A session both sides hold takes their files when ours did not change it since the
 * base, else ours: the side being recovered wins, as in a replay, and their variant stays reachable
 * in the history of the merged commit, which descends from their tip. Files outside the slots merge
 * path by path (ours wins where both changed). The summary {@code metadata.json} is then
 * re-aggregated from the merged slots as a write does
 * (docs/checkpoint-format.md#root-metadatajson): step counts summed, files unioned and sorted,
 * token usage summed, {@code has_review} sticky, {@code combined_attribution} ours else theirs, and
 * {@code cli_version}, {@code strategy} and {@code branch} from ours. Session paths are derived
 * from the files a slot holds. Stateless.
 */
final class SessionMerge {
  private SessionMerge() {}

  /**
   * Merges {@code ours} into {@code theirs}.
   *
   * @param where the directory's path from the root, for error messages
   * @return the merged directory tree (objects inserted, not flushed)
   * @throws CorruptCheckpointException when a merged slot has no readable {@code metadata.json}
   */
  static ObjectId merge(ObjectReader reader, ObjectInserter inserter, CheckpointId id,
      Optional<ObjectId> base, ObjectId ours, ObjectId theirs, String where) throws IOException {
    return merge(reader, inserter, id, base, ours, theirs, where,
        relative -> CheckpointFiles.absolute(id, relative));
  }

  /**
   * Merges {@code ours} into {@code theirs}, spelling the summary's session paths with
   * {@code absolute} (from the root of a v1/v2 tree, or from a git-refs checkpoint ref's root).
   *
   * @param absolute maps a path relative to the checkpoint directory to the summary's spelling
   * @return the merged directory tree (objects inserted, not flushed)
   */
  static ObjectId merge(ObjectReader reader, ObjectInserter inserter, CheckpointId id,
      Optional<ObjectId> base, ObjectId ours, ObjectId theirs, String where,
      java.util.function.UnaryOperator<String> absolute) throws IOException {
    SortedMap<String, TreeFiles.FileEntry> b = base.isPresent()
        ? TreeFiles.flatten(reader, base.get()) : new TreeMap<>();
    SortedMap<String, TreeFiles.FileEntry> o = TreeFiles.flatten(reader, ours);
    SortedMap<String, TreeFiles.FileEntry> t = TreeFiles.flatten(reader, theirs);
    TreeMap<Integer, Map<String, TreeFiles.FileEntry>> oSlots = slots(o);
    TreeMap<Integer, Map<String, TreeFiles.FileEntry>> tSlots = slots(t);
    TreeMap<Integer, Map<String, TreeFiles.FileEntry>> bSlots = slots(b);
    Map<String, Map<String, TreeFiles.FileEntry>> bySessionBase = bySession(reader, bSlots);
    Map<String, Integer> theirIndex = new HashMap<>();
    for (Map.Entry<Integer, Map<String, TreeFiles.FileEntry>> slot : tSlots.entrySet()) {
      sessionOf(reader, slot.getValue()).ifPresent(s -> theirIndex.putIfAbsent(s, slot.getKey()));
    }
    TreeMap<Integer, Map<String, TreeFiles.FileEntry>> merged = new TreeMap<>(tSlots);
    int next = tSlots.isEmpty() ? 0 : tSlots.lastKey() + 1;
    for (Map.Entry<Integer, Map<String, TreeFiles.FileEntry>> entry : oSlots.entrySet()) {
      Map<String, TreeFiles.FileEntry> slot = entry.getValue();
      Optional<String> session = sessionOf(reader, slot);
      if (session.isEmpty()) {
        // A slot without metadata (the raw-transcript slots of v2 /full refs): its number was
        // chosen on /main, so it pairs with the same number on the other side.
        int index = entry.getKey();
        if (!slot.equals(tSlots.get(index)) && !slot.equals(bSlots.get(index))) {
          merged.put(index, slot);
        }
        continue;
      }
      Integer index = theirIndex.get(session.get());
      if (index == null) {
        merged.put(next++, slot);
      } else if (!slot.equals(tSlots.get(index))
          && !slot.equals(bySessionBase.get(session.get()))) {
        merged.put(index, slot);
      }
    }
    SortedMap<String, TreeFiles.FileEntry> files = mergeLoose(b, o, t);
    for (Map.Entry<Integer, Map<String, TreeFiles.FileEntry>> slot : merged.entrySet()) {
      for (Map.Entry<String, TreeFiles.FileEntry> file : slot.getValue().entrySet()) {
        files.put(slot.getKey() + "/" + file.getKey(), file.getValue());
      }
    }
    Optional<CheckpointSummary> ourSummary = summary(reader, o, where);
    Optional<CheckpointSummary> theirSummary = summary(reader, t, where);
    if (ourSummary.isPresent() || theirSummary.isPresent()) {
      CheckpointSummary summary =
          aggregate(reader, id, merged, ourSummary, theirSummary, where, absolute);
      files.put(CheckpointFiles.METADATA,
          TreeFiles.FileEntry.blob(Blobs.insert(inserter, SummaryJson.encode(summary))));
    }
    return TreeFiles.write(inserter, files);
  }

  private static CheckpointSummary aggregate(ObjectReader reader, CheckpointId id,
      TreeMap<Integer, Map<String, TreeFiles.FileEntry>> slots,
      Optional<CheckpointSummary> ours, Optional<CheckpointSummary> theirs, String where,
      java.util.function.UnaryOperator<String> absolute) throws IOException {
    CheckpointSummary primary = ours.orElseGet(theirs::orElseThrow);
    List<SessionPaths> sessions = new ArrayList<>();
    long count = 0;
    TreeSet<String> touched = new TreeSet<>();
    Optional<TokenUsage> usage = Optional.empty();
    int expected = 0;
    for (Map.Entry<Integer, Map<String, TreeFiles.FileEntry>> slot : slots.entrySet()) {
      int n = slot.getKey();
      if (n != expected++) {
        throw new CorruptCheckpointException(where + "/" + expected, "session slots are not "
            + "numbered 0.." + (slots.size() - 1) + ": " + slots.keySet(), null);
      }
      SessionMetadata metadata = metadata(reader, slot.getValue())
          .orElseThrow(() -> new CorruptCheckpointException(where + "/" + n + "/metadata.json",
              "session metadata is missing; the merged summary cannot be aggregated", null));
      count += metadata.checkpointsCount();
      metadata.filesTouched().forEach(f -> touched.add(f.replace('\\', '/')));
      if (metadata.tokenUsage().isPresent()) {
        usage = Optional.of(usage.orElse(TokenUsage.of(0, 0, 0, 0, 0))
            .plus(metadata.tokenUsage().get()));
      }
      sessions.add(paths(n, slot.getValue(), absolute));
    }
    Optional<Attribution> attribution = ours.flatMap(CheckpointSummary::combinedAttribution)
        .or(() -> theirs.flatMap(CheckpointSummary::combinedAttribution));
    boolean review = ours.map(CheckpointSummary::hasReview).orElse(false)
        || theirs.map(CheckpointSummary::hasReview).orElse(false);
    return new CheckpointSummary(primary.cliVersion(), id, primary.strategy(), primary.branch(),
        count, new ArrayList<>(touched), sessions, usage, attribution, review);
  }

  private static SessionPaths paths(int slot, Map<String, TreeFiles.FileEntry> files,
      java.util.function.UnaryOperator<String> absolute) {
    String transcript = "";
    String hash = "";
    if (files.containsKey(CheckpointFiles.V1_TRANSCRIPT)) {
      transcript = CheckpointFiles.V1_TRANSCRIPT;
      hash = CheckpointFiles.V1_CONTENT_HASH;
    } else if (files.containsKey(CheckpointFiles.V1_LEGACY_TRANSCRIPT)) {
      transcript = CheckpointFiles.V1_LEGACY_TRANSCRIPT;
      hash = CheckpointFiles.V1_CONTENT_HASH;
    } else if (files.containsKey(CheckpointFiles.V2_COMPACT_TRANSCRIPT)) {
      transcript = CheckpointFiles.V2_COMPACT_TRANSCRIPT;
      hash = CheckpointFiles.V2_COMPACT_TRANSCRIPT_HASH;
    }
    return new SessionPaths(absolute(absolute, slot, CheckpointFiles.METADATA),
        transcript.isEmpty() ? "" : absolute(absolute, slot, transcript),
        hash.isEmpty() || !files.containsKey(hash) ? "" : absolute(absolute, slot, hash),
        files.containsKey(CheckpointFiles.PROMPT)
            ? absolute(absolute, slot, CheckpointFiles.PROMPT) : "");
  }

  private static String absolute(java.util.function.UnaryOperator<String> absolute, int slot,
      String name) {
    return absolute.apply(CheckpointFiles.inSlot(slot, name));
  }

  /** Files outside the slots and other than the summary, merged path by path. */
  private static SortedMap<String, TreeFiles.FileEntry> mergeLoose(
      Map<String, TreeFiles.FileEntry> b, Map<String, TreeFiles.FileEntry> o,
      Map<String, TreeFiles.FileEntry> t) {
    TreeSet<String> paths = new TreeSet<>();
    for (Map<String, TreeFiles.FileEntry> side : List.of(b, o, t)) {
      side.keySet().stream().filter(p -> slotOf(p) < 0 && !p.equals(CheckpointFiles.METADATA))
          .forEach(paths::add);
    }
    SortedMap<String, TreeFiles.FileEntry> out = new TreeMap<>();
    for (String path : paths) {
      TreeFiles.FileEntry bo = b.get(path);
      TreeFiles.FileEntry oo = o.get(path);
      TreeFiles.FileEntry to = t.get(path);
      TreeFiles.FileEntry keep;
      if (Objects.equals(oo, bo)) {
        keep = to;
      } else if (Objects.equals(to, bo) || oo != null) {
        keep = oo;
      } else {
        keep = to;
      }
      if (keep != null) {
        out.put(path, keep);
      }
    }
    return out;
  }

  private static TreeMap<Integer, Map<String, TreeFiles.FileEntry>> slots(
      Map<String, TreeFiles.FileEntry> files) {
    TreeMap<Integer, Map<String, TreeFiles.FileEntry>> slots = new TreeMap<>();
    for (Map.Entry<String, TreeFiles.FileEntry> file : files.entrySet()) {
      int slot = slotOf(file.getKey());
      if (slot >= 0) {
        String rest = file.getKey().substring(file.getKey().indexOf('/') + 1);
        slots.computeIfAbsent(slot, k -> new TreeMap<>()).put(rest, file.getValue());
      }
    }
    return slots;
  }

  /** The slot number a path lies in ({@code 3/metadata.json} is in 3), or -1. */
  private static int slotOf(String path) {
    int slash = path.indexOf('/');
    if (slash <= 0 || slash > 9) {
      return -1;
    }
    String head = path.substring(0, slash);
    if (!head.chars().allMatch(c -> c >= '0' && c <= '9')
        || (head.length() > 1 && head.charAt(0) == '0')) {
      return -1;
    }
    return Integer.parseInt(head);
  }

  private static Map<String, Map<String, TreeFiles.FileEntry>> bySession(ObjectReader reader,
      TreeMap<Integer, Map<String, TreeFiles.FileEntry>> slots) throws IOException {
    Map<String, Map<String, TreeFiles.FileEntry>> map = new HashMap<>();
    for (Map<String, TreeFiles.FileEntry> slot : slots.values()) {
      Optional<String> session = sessionOf(reader, slot);
      if (session.isPresent()) {
        map.putIfAbsent(session.get(), slot);
      }
    }
    return map;
  }

  private static Optional<String> sessionOf(ObjectReader reader,
      Map<String, TreeFiles.FileEntry> slot) throws IOException {
    try {
      return metadata(reader, slot).map(m -> m.sessionId().value());
    } catch (CorruptCheckpointException e) {
      return Optional.empty();
    }
  }

  private static Optional<SessionMetadata> metadata(ObjectReader reader,
      Map<String, TreeFiles.FileEntry> slot) throws IOException {
    TreeFiles.FileEntry entry = slot.get(CheckpointFiles.METADATA);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(SessionMetadataJson.decode(Blobs.read(reader, entry.id()),
        CheckpointFiles.METADATA));
  }

  private static Optional<CheckpointSummary> summary(ObjectReader reader,
      Map<String, TreeFiles.FileEntry> files, String where) throws IOException {
    TreeFiles.FileEntry entry = files.get(CheckpointFiles.METADATA);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SummaryJson.decode(Blobs.read(reader, entry.id()),
          where + "/" + CheckpointFiles.METADATA));
    } catch (CorruptCheckpointException e) {
      return Optional.empty();
    }
  }
}
