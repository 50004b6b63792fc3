package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The sessions of a checkpoint as a summary reports them
 * (docs/checkpoint-format.md#real-repositories): one per slot directory, by slot number; a directory the stored summary lists keeps its listed paths, one it does not list
 * gets the paths of the files it holds, and a listed entry without a directory is dropped.
 * Stateless; shared by the full directory reads of the write path and the shallow reads of
 * {@code readSummary}.
 */
final class SlotPaths {
  /** Where a slot's raw or compact transcript may live, in the order a summary names one. */
  static final List<String> TRANSCRIPT_NAMES = List.of(CheckpointFiles.V1_TRANSCRIPT,
      CheckpointFiles.V1_LEGACY_TRANSCRIPT, CheckpointFiles.V2_COMPACT_TRANSCRIPT);
  /** Where a slot's content hash may live. */
  static final List<String> HASH_NAMES = List.of(CheckpointFiles.V1_CONTENT_HASH,
      CheckpointFiles.V2_COMPACT_TRANSCRIPT_HASH);
  /** The agent context file of a slot. */
  static final String CONTEXT = "context.md";

  /** Lists the file names directly inside a slot directory. */
  @FunctionalInterface
  interface Names {
    List<String> of(int slot) throws IOException;
  }

  /**
   * Spells the absolute tree path of a file in a slot, as the checkpoint's placement stores it:
   * under the sharded directory on a v1/v2 tree, at the root on a git-refs checkpoint ref.
   */
  @FunctionalInterface
  interface Placement {
    String absolute(int slot, String name);

    /** The placement of a checkpoint directory at {@code <shard>/<rest>/} of a tree. */
    static Placement sharded(CheckpointId id) {
      return (slot, name) -> SlotPaths.absolute(id, slot, name);
    }
  }

  private SlotPaths() {}

  /**
   * The slot number a directory name stands for: a plain decimal number without leading zeros
   * ({@code 0}, {@code 2}, {@code 17}; not {@code 01}), as {@link SessionPaths#slotOf} reads it
   * from a path.
   *
   * @return the number, or -1 when the name is not a slot directory's
   */
  static int number(String name) {
    int length = name.length();
    if (length == 0 || length > 9 || (length > 1 && name.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@return one entry per slot directory, by slot number} */
  static List<SessionPaths> reconcile(Placement id, List<SessionPaths> listed,
      SortedSet<Integer> slots, Names names) throws IOException {
    Map<Integer, SessionPaths> bySlot = new HashMap<>();
    listed.forEach(p -> bySlot.putIfAbsent(p.slot(), p));
    List<SessionPaths> out = new ArrayList<>(slots.size());
    for (int slot : slots) {
      SessionPaths paths = bySlot.get(slot);
      out.add(paths != null ? paths : of(id, slot, names.of(slot)));
    }
    return out;
  }

  /** {@return the paths of the files a slot holds, as a summary would list them} */
  static SessionPaths of(Placement id, int slot, List<String> names) {
    return new SessionPaths(id.absolute(slot, CheckpointFiles.METADATA),
        firstPresent(id, slot, names, TRANSCRIPT_NAMES),
        firstPresent(id, slot, names, HASH_NAMES),
        names.contains(CheckpointFiles.PROMPT) ? id.absolute(slot, CheckpointFiles.PROMPT) : "",
        names.contains(CONTEXT) ? id.absolute(slot, CONTEXT) : "", slot);
  }

  static String absolute(CheckpointId id, int slot, String name) {
    return CheckpointFiles.absolute(id, CheckpointFiles.inSlot(slot, name));
  }

  private static String firstPresent(Placement id, int slot, List<String> names,
      List<String> candidates) {
    for (String name : candidates) {
      if (names.contains(name)) {
        return id.absolute(slot, name);
      }
    }
    return "";
  }
}
