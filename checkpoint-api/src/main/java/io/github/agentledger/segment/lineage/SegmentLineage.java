package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lineage operations an agent framework calls between turns, over any {@link SegmentStore}:
 * create a conversation, fork it (to a new session or at a turn), compact it, fork instead of
 * writing over a segment another writer moved ({@link #ensureHeadOrFork}), and the lineage queries.
 * This is the one implementation of these operations; it uses only the {@link SegmentStore}
 * interface, so every store gets the same semantics.
 *
 * <p><b>Never modifies a source.</b> Forks and compactions create a new segment, in one atomic
 * {@link SegmentStore#create}; the segment they come from is only read, never written, locked for
 * long, or marked. Lineage is recorded forward only, on the new segment's {@code segment_start}.
 *
 * <p><b>What a derived segment starts with.</b> Its {@code segment_start} carries the system
 * prompt, the configuration and the whole history of the state it was cut from, its origin
 * ({@code forked_from} or {@code compacted_from}: session, segment, {@code at_turn_index}) and
 * {@code turn_base}, the turn count of that state, so its replay continues the turn count. The
 * latest payload of each extension domain follows as one {@code extension} entry per domain, right
 * after the {@code segment_start} and written in the same create, in order of the domain's first
 * appearance; a replay of the new segment therefore has the same {@link
 * RestoredState#latestExtensions()}. For example:
 *
 * <pre>{@code
 * (one line each; the first is broken here to fit)
 * {"kind":"segment_start","v":1,...,"history":[...],
 *   "forked_from":{"session_id":"…","segment_id":"…","at_turn_index":3},"turn_base":3}
 * {"kind":"extension","ts":…,"domain":"memory.extract","payload":{"processed_through_entry":12}}
 * }</pre>
 *
 * The reference reads such a segment too (it ignores {@code v} and {@code turn_base}, and replays
 * the carried extensions like any other). Not carried: the usage history, every older extension
 * payload, the typed pieces of earlier user inputs and the interrupted flag (a new segment starts
 * with no run in progress).
 *
 * <p><b>Turns.</b> {@code at_turn_index} is the {@code turn_count} of the latest {@code turn_end}
 * before the cut, or the segment's turn base when no turn completed in it (0 in a fresh
 * conversation). A fork at turn {@code T} cuts at the boundary between turn {@code T} and the next
 * one: it keeps every entry up to the first {@code turn_end} whose {@code turn_count} is {@code T}
 * (up to the {@code segment_start} when {@code T} is the turn base), plus the entries that close
 * that turn ({@code run_completed}, {@code run_errored}, {@code llm_usage}, {@code extension},
 * {@code config_changed}, {@code paused_turn_abandoned}), and stops before the next {@code invoke},
 * {@code user_input}, {@code assistant_item}, {@code tool_result}, {@code system_item} or {@code
 * turn_end}. A turn that is neither the turn base nor the count of a {@code turn_end} is an error
 * ({@link TurnNotFoundException}), never a silent fork at the end.
 *
 * <p><b>Concurrent writers.</b> Forking reads committed entries without taking the writer lock, so
 * a segment that another writer (of this process or another) is appending to can be forked: the
 * fork sees the entries committed when it read them, the other writer is not disturbed. {@link
 * #ensureHeadOrFork} instead refuses to write after another writer: it forks.
 *
 * <p>Thread-safe when the store is: it holds no mutable state.
 */
public final class SegmentLineage {
  private final SegmentStore store;
  private final IdGenerator ids;
  private final Clock clock;

  private SegmentLineage(SegmentStore store, IdGenerator ids, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the lineage service of a store.
   *
   * @param store the store read and written
   * @param ids mints the new sessions and segments
   * @param clock gives the {@code ts} of the entries written
   * @return the service
   */
  public static SegmentLineage over(SegmentStore store, IdGenerator ids, Clock clock) {
    return new SegmentLineage(store, ids, clock);
  }

  /**
   * Creates a conversation: a new session and its first segment, with no origin and turn base 0.
   * The seed's extensions follow the {@code segment_start} as {@code extension} entries.
   *
   * @param seed the system prompt, configuration, seed history and extensions
   * @return the new segment and its state
   * @throws SegmentIoException if the storage fails
   */
  public SegmentHead create(SegmentSeed seed) {
    SegmentRef segment = new SegmentRef(ids.newSessionId(), ids.newSegmentId());
    return write(
        segment,
        seed.systemPrompt(),
        seed.config(),
        seed.history(),
        Optional.empty(),
        Optional.empty(),
        0,
        seed.extensions());
  }

  /**
   * Forks a segment as it stands: the new segment starts from the state of every entry committed in
   * the source, with {@code forked_from} naming the source and its current turn count.
   *
   * @param source the segment forked
   * @param target a new segment in the source's session, or in a new session
   * @return the new segment and its state
   * @throws SegmentNotFoundException if the source does not exist
   * @throws CorruptSegmentException if a committed line of the source cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public SegmentHead fork(SegmentRef source, ForkTarget target) {
    Objects.requireNonNull(target, "target");
    RestoredState state = store.restore(source.sessionId(), source.segmentId());
    return forkFrom(source, state, target);
  }

  /**
   * Forks a segment at a turn: the new segment starts from the state at the boundary after turn
   * {@code atTurnIndex} (see the class documentation), with {@code forked_from} naming the source
   * and that turn. The source is read only up to the cut.
   *
   * @param source the segment forked
   * @param atTurnIndex the turn: the source's turn base or the {@code turn_count} of one of its
   *     {@code turn_end} entries
   * @param target a new segment in the source's session, or in a new session
   * @return the new segment and its state
   * @throws IllegalArgumentException if {@code atTurnIndex} is negative
   * @throws SegmentNotFoundException if the source does not exist
   * @throws TurnNotFoundException if the source has no such turn; nothing was written
   * @throws CorruptSegmentException if a committed line before the cut cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public SegmentHead forkAt(SegmentRef source, long atTurnIndex, ForkTarget target) {
    Objects.requireNonNull(target, "target");
    if (atTurnIndex < 0) {
      throw new IllegalArgumentException("atTurnIndex is negative: " + atTurnIndex);
    }
    RestoredState state;
    try (Stream<LogEntry> entries = store.read(source.sessionId(), source.segmentId())) {
      TurnCut cut = new TurnCut(entries.iterator(), atTurnIndex);
      state = RestoredState.replay(cut);
      if (!cut.found()) {
        throw new TurnNotFoundException(
            source.sessionId(), source.segmentId(), atTurnIndex, cut.turnBase(), cut.lastTurn());
      }
    }
    return forkFrom(source, state, target);
  }

  /**
   * Starts a compacted segment in the session of {@code current}: its {@code segment_start} holds
   * the caller's compacted history and records {@code compacted_from} with the current turn count,
   * which is also its turn base. The extensions carried are the latest payload of each domain of
   * {@code current}, then the seed's own extensions (which win for a domain they share). The source
   * is not checked against {@code current}: the compaction is of the caller's state.
   *
   * @param current the segment compacted and the writer's state of it
   * @param compacted the system prompt, configuration and compacted history to start from, and
   *     extensions to add
   * @return the new segment and its state
   * @throws SegmentNotFoundException if the source segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  public SegmentHead compact(SegmentHead current, SegmentSeed compacted) {
    Objects.requireNonNull(compacted, "compacted");
    SegmentRef source = current.segment();
    requireExists(source);
    RestoredState state = current.state();
    List<ExtensionPayload> extensions = new ArrayList<>(latestOf(state));
    extensions.addAll(compacted.extensions());
    return write(
        new SegmentRef(source.sessionId(), ids.newSegmentId()),
        compacted.systemPrompt(),
        compacted.config(),
        compacted.history(),
        Optional.empty(),
        Optional.of(origin(source, state)),
        state.turnCount(),
        extensions);
  }

  /**
   * Makes sure the writer can go on appending where it left off, or forks its state. The segment is
   * checked under its writer lock: when it holds exactly {@code mine.state().entryCount()} entries,
   * nothing is written and the writer continues there ({@link HeadOutcome#AT_HEAD}). When another
   * writer appended, the segment was truncated, or another writer holds it open right now, a new
   * segment in the same session is started from the writer's state, with {@code forked_from} =
   * {the segment, the writer's turn count}; the segment itself is left exactly as it is.
   *
   * <p>Call it between turns, with no writer of this segment open in this process (an open one
   * counts as another writer), and append with the compare-and-append of {@link SegmentStore}
   * using the returned state's entry count: a writer that slips in after the check is then caught
   * as a {@link SegmentConflictException}, after which this method is called again. Only the entry
   * count is compared: a segment truncated and appended back to the same count is not detected.
   *
   * @param mine the segment the writer appended to and the state it believes it holds
   * @return what was found and where to continue
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  public HeadCheck ensureHeadOrFork(SegmentHead mine) {
    SegmentRef segment = mine.segment();
    HeadOutcome outcome;
    try (SegmentWriter writer = store.openWriter(segment.sessionId(), segment.segmentId())) {
      long actual = writer.entryCount();
      long expected = mine.state().entryCount();
      if (actual == expected) {
        outcome = HeadOutcome.AT_HEAD;
      } else if (actual > expected) {
        outcome = HeadOutcome.FORKED_AFTER_APPEND;
      } else {
        outcome = HeadOutcome.FORKED_AFTER_TRUNCATE;
      }
    } catch (SegmentLockedException e) {
      outcome = HeadOutcome.FORKED_WHILE_HELD;
    }
    if (outcome == HeadOutcome.AT_HEAD) {
      return new HeadCheck(outcome, mine);
    }
    return new HeadCheck(outcome, forkFrom(segment, mine.state(), ForkTarget.SAME_SESSION));
  }

  /**
   * Reads where a segment came from.
   *
   * @param segment the segment
   * @return its origin, or empty when it starts a lineage (a conversation created fresh)
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws CorruptSegmentException if its first line cannot be read
   * @throws InvalidSegmentStructureException if its first entry is not a {@code segment_start}
   * @throws SegmentIoException if the storage fails
   */
  public Optional<Derivation> origin(SegmentRef segment) {
    return store.derivation(segment.sessionId(), segment.segmentId());
  }

  /**
   * Lists the segments of the same session forked or compacted from a segment. A fork to a new
   * session is found through its own {@link #origin}, not listed here.
   *
   * @param segment the parent segment
   * @return its children, newest first
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws CorruptSegmentException if the first line of a segment of the session cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public List<SegmentRef> children(SegmentRef segment) {
    requireExists(segment);
    List<SegmentRef> children = new ArrayList<>();
    for (SegmentId id : store.listSegments(segment.sessionId())) {
      SegmentRef candidate = new SegmentRef(segment.sessionId(), id);
      Optional<Derivation> origin = origin(candidate);
      if (origin.isPresent() && origin.get().sourceSegment().equals(segment)) {
        children.add(candidate);
      }
    }
    return List.copyOf(children);
  }

  /**
   * Walks a segment's origins back to the root of its lineage, across sessions when a fork started
   * a new one. The walk ends at a segment with no origin, or at one whose source no longer exists
   * (its session was deleted), or when a source repeats.
   *
   * @param segment the segment
   * @return the segment itself, then its source, its source's source, and so on to the root
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws CorruptSegmentException if the first line of a segment on the way cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public List<SegmentRef> ancestry(SegmentRef segment) {
    List<SegmentRef> chain = new ArrayList<>();
    Set<SegmentRef> seen = new HashSet<>();
    SegmentRef current = segment;
    while (seen.add(current)) {
      chain.add(current);
      Optional<Derivation> origin = origin(current);
      if (origin.isEmpty()) {
        break;
      }
      SegmentRef source = origin.get().sourceSegment();
      if (!store.exists(source.sessionId(), source.segmentId())) {
        break;
      }
      current = source;
    }
    return List.copyOf(chain);
  }

  /**
   * Finds the active leaf of a session: its newest segment (by id, that is creation order) from
   * which no other segment of the session was forked or compacted.
   *
   * @param sessionId the session
   * @return the leaf, or empty when the session has no segment
   * @throws CorruptSegmentException if the first line of a segment of the session cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public Optional<SegmentRef> activeLeaf(SessionId sessionId) {
    List<SegmentId> segments = store.listSegments(sessionId);
    Set<SegmentId> parents = new HashSet<>();
    for (SegmentId id : segments) {
      origin(new SegmentRef(sessionId, id))
          .map(Derivation::source)
          .filter(source -> source.sessionId().equals(sessionId))
          .ifPresent(source -> parents.add(source.segmentId()));
    }
    return segments.stream()
        .filter(id -> !parents.contains(id))
        .findFirst()
        .map(id -> new SegmentRef(sessionId, id));
  }

  private SegmentHead forkFrom(SegmentRef source, RestoredState state, ForkTarget target) {
    SessionId session =
        target == ForkTarget.NEW_SESSION ? ids.newSessionId() : source.sessionId();
    return write(
        new SegmentRef(session, ids.newSegmentId()),
        state.systemPrompt(),
        state.config(),
        state.history(),
        Optional.of(origin(source, state)),
        Optional.empty(),
        state.turnCount(),
        latestOf(state),
        state.visibleStart());
  }

  private SegmentHead write(
      SegmentRef segment,
      Optional<String> systemPrompt,
      RequestConfig config,
      List<HistoryItem> history,
      Optional<SegmentOrigin> forkedFrom,
      Optional<SegmentOrigin> compactedFrom,
      long turnBase,
      List<ExtensionPayload> extensions) {
    return write(
        segment, systemPrompt, config, history, forkedFrom, compactedFrom, turnBase, extensions, 0);
  }

  /** A fork keeps the source's visible window: a {@code window_moved} follows the extensions. */
  private SegmentHead write(
      SegmentRef segment,
      Optional<String> systemPrompt,
      RequestConfig config,
      List<HistoryItem> history,
      Optional<SegmentOrigin> forkedFrom,
      Optional<SegmentOrigin> compactedFrom,
      long turnBase,
      List<ExtensionPayload> extensions,
      int visibleStart) {
    long ts = clock.millis();
    List<LogEntry> entries = new ArrayList<>(1 + extensions.size());
    entries.add(
        new LogEntry.SegmentStart(
            ts,
            segment.sessionId(),
            systemPrompt,
            config,
            history,
            forkedFrom,
            compactedFrom,
            turnBase));
    for (ExtensionPayload extension : extensions) {
      entries.add(new LogEntry.Extension(ts, extension));
    }
    if (visibleStart > 0) {
      entries.add(new LogEntry.WindowMoved(ts, visibleStart));
    }
    store.create(segment.sessionId(), segment.segmentId(), entries);
    return new SegmentHead(segment, RestoredState.replay(entries.iterator()));
  }

  private void requireExists(SegmentRef segment) {
    if (!store.exists(segment.sessionId(), segment.segmentId())) {
      throw new SegmentNotFoundException(segment.sessionId(), segment.segmentId());
    }
  }

  private static SegmentOrigin origin(SegmentRef source, RestoredState state) {
    return new SegmentOrigin(source.sessionId(), source.segmentId(), state.turnCount());
  }

  private static List<ExtensionPayload> latestOf(RestoredState state) {
    List<ExtensionPayload> latest = new ArrayList<>();
    for (Map.Entry<String, JsonText> entry : state.latestExtensions().entrySet()) {
      latest.add(new ExtensionPayload(entry.getKey(), entry.getValue()));
    }
    return latest;
  }
}
