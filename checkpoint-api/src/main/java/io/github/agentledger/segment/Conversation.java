// Longer than 400 lines on purpose: this is the one API frameworks use, and each operation is
// small; splitting it would scatter the turn bookkeeping that must stay in one place.
package io.github.agentledger.segment;

import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation as an agent framework sees it, over any {@link SegmentStore}: opened by the
 * framework's own {@link ConversationKey} (created on first use), it appends user messages,
 * assistant items and tool results, ends turns with the turn count and run records kept by the
 * library, and keeps the whole history while a visible window moves over it.
 *
 * <p><b>Writes.</b> Each call writes its entries in one append of the segment, checked against the
 * entry count this conversation knows (the store's crash guarantees apply: an acknowledged append
 * is never lost). A turn is written in the reference's order: {@code invoke}
 * and {@code user_input} when a user message opens it, {@code assistant_item}s and {@code
 * tool_result}s, then {@link #endTurn()} writes {@code turn_end} (the next turn count) and {@code
 * run_completed}. Nothing is ever rewritten: {@link #replaceVisible} appends what is new and moves
 * the window ({@code window_moved}), {@link #clearWindow()} writes {@code window_cleared}; the
 * full history stays in the log and in {@link #history()}.
 *
 * <p><b>Keys.</b> {@link #open(SegmentStore, ConversationKey, ConversationOptions)} looks the key
 * up in the store's index; when it is unbound it creates a session, then binds the key (see {@link
 * SegmentStore#bindKey}): of two processes creating one key at once, one binding wins and the loser
 * deletes its own empty session and continues on the winner's. A fork ({@link #fork(long)}) lives
 * in a new session and inherits no key, unless asked: {@link #fork(long, KeyTakeover)} with {@link
 * KeyTakeover#MOVE_TO_FORK} moves the key to the fork in one atomic step ({@link
 * SegmentStore#rebindKey}), so the key names the origin or the fork, never neither.
 *
 * <p><b>Threads and writers.</b> A conversation holds its segment's writer lock from open to
 * {@link #close()}: a second conversation on the same segment fails at once with {@link
 * SegmentLockedException}. Thread-safe: every method is atomic with respect to the others. The
 * state is kept live, so an append costs the same whatever the length of the conversation.
 */
public final class Conversation implements AutoCloseable {
  private final SegmentStore store;
  private final ConversationOptions options;
  /** The key this conversation was opened by, kept after the key moved to a fork. */
  private final Optional<ConversationKey> openedBy;
  /** The key while this conversation has it: {@link #openedBy} until it moves to a fork. */
  private Optional<ConversationKey> key;
  private final SegmentWriter writer;
  private final StateFolder state;
  /** Whether a turn has entries not yet ended by {@link #endTurn()}. */
  private boolean turnOpen;

  private Conversation(
      SegmentStore store,
      ConversationOptions options,
      Optional<ConversationKey> key,
      SegmentWriter writer,
      RestoredState restored) {
    this.store = store;
    this.options = options;
    this.openedBy = key;
    this.key = key;
    this.writer = writer;
    this.state = StateFolder.from(restored);
    this.turnOpen = restored.lastRunInterrupted();
  }

  /**
   * Opens the conversation a key names with {@link ConversationOptions#defaults()}, creating it on
   * first use.
   *
   * @param store the store
   * @param key the framework's name of the conversation
   * @return the conversation, holding its writer lock; the caller must close it
   * @throws SegmentLockedException if another writer holds the conversation's segment
   * @throws SegmentIoException if the storage fails
   */
  public static Conversation open(SegmentStore store, ConversationKey key) {
    return open(store, key, ConversationOptions.defaults());
  }

  /**
   * Opens the conversation a key names, creating it on first use (with the options' system prompt
   * and configuration). An existing conversation continues at the active leaf of its session.
   *
   * @param store the store
   * @param key the framework's name of the conversation
   * @param options the clock, ids, and the start of a new conversation
   * @return the conversation, holding its writer lock; the caller must close it
   * @throws SegmentLockedException if another writer holds the conversation's segment
   * @throws SessionNotFoundException if the key names a session that holds no segment
   * @throws CorruptSegmentException if a committed line of the segment cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public static Conversation open(
      SegmentStore store, ConversationKey key, ConversationOptions options) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(options, "options");
    SessionId session = store.lookupKey(key).orElseGet(() -> create(store, key, options));
    SegmentRef head =
        SegmentLineage.over(store, options.ids(), options.clock())
            .activeLeaf(session)
            .orElseThrow(() -> new SessionNotFoundException(session));
    return resume(store, head, Optional.of(key), options);
  }

  /**
   * Opens a conversation on a given segment, with no key (a fork, a segment created by {@link
   * SegmentLineage}).
   *
   * @param store the store
   * @param segment the segment to continue
   * @param options the clock and ids
   * @return the conversation, holding the segment's writer lock; the caller must close it
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds it
   * @throws CorruptSegmentException if a committed line of the segment cannot be read
   * @throws SegmentIoException if the storage fails
   */
  public static Conversation resume(
      SegmentStore store, SegmentRef segment, ConversationOptions options) {
    return resume(store, segment, Optional.empty(), options);
  }

  private static Conversation resume(
      SegmentStore store,
      SegmentRef segment,
      Optional<ConversationKey> key,
      ConversationOptions options) {
    SegmentWriter writer = store.openWriter(segment.sessionId(), segment.segmentId());
    try {
      RestoredState restored = store.restore(segment.sessionId(), segment.segmentId());
      return new Conversation(store, options, key, writer, restored);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  private static SessionId create(
      SegmentStore store, ConversationKey key, ConversationOptions options) {
    SessionId mine = options.ids().newSessionId();
    store.create(
        mine,
        options.ids().newSegmentId(),
        List.of(
            LogEntry.SegmentStart.fresh(
                options.clock().millis(),
                mine,
                options.systemPrompt(),
                options.config(),
                List.of())));
    SessionId bound = store.bindKey(key, mine);
    if (!bound.equals(mine)) {
      // Another creator won the key: our session holds only its segment_start and no key.
      store.deleteSession(mine);
    }
    return bound;
  }

  /**
   * {@return the key of this conversation: the one it was opened by, or moved to it by a fork;
   * empty for a fork without the key, a resumed segment, or once the key moved to a fork}
   */
  public synchronized Optional<ConversationKey> key() {
    return key;
  }

  /** {@return the segment this conversation appends to} */
  public SegmentRef segment() {
    return new SegmentRef(writer.sessionId(), writer.segmentId());
  }

  /**
   * Appends a user message with one text part; it opens a turn when none is open.
   *
   * @param text the text
   * @throws InvalidTextException if the text holds a lone surrogate; nothing was written
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public void appendUserMessage(String text) {
    append(HistoryItem.Message.text(Role.USER, text));
  }

  /**
   * Appends an assistant message with one text part.
   *
   * @param text the text
   * @throws InvalidTextException if the text holds a lone surrogate; nothing was written
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public void appendAssistantMessage(String text) {
    append(HistoryItem.Message.text(Role.ASSISTANT, text));
  }

  /**
   * Appends one history item: a user message opens a turn when none is open and is written as
   * {@code user_input} (its text parts as text, its media parts as media, its id and attributes
   * kept; a part of unknown kind is kept in the log but not replayed); an assistant or system
   * message, a tool call or reasoning as {@code assistant_item}; a tool result as {@code
   * tool_result}.
   *
   * @param item the item
   * @throws IllegalArgumentException if a user message holds a refusal
   * @throws InvalidTextException if a string of the item holds a lone surrogate; nothing was
   *     written
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized void append(HistoryItem item) {
    List<LogEntry> entries = new ArrayList<>(2);
    boolean opens = entriesFor(item, options.clock().millis(), entries);
    write(entries);
    turnOpen |= opens;
  }

  /**
   * Ends the turn: writes {@code turn_end} with the next turn count and {@code run_completed}.
   *
   * @return the turn count after this turn
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized long endTurn() {
    long ts = options.clock().millis();
    long next = state.turnCount() + 1;
    write(
        List.of(
            new LogEntry.TurnEnd(ts, next),
            new LogEntry.RunCompleted(ts, false, RunResult.FINISHED)));
    turnOpen = false;
    return next;
  }

  /**
   * Moves the visible window: the visible conversation now starts at history item {@code start}.
   *
   * @param start the index in {@link #history()} of the first visible item, at most its size
   * @throws IndexOutOfBoundsException if {@code start} is outside {@code 0..history size}
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized void moveWindow(int start) {
    int size = state.liveHistory().size();
    if (start < 0 || start > size) {
      throw new IndexOutOfBoundsException("window start " + start + " is not within 0.." + size);
    }
    write(List.of(new LogEntry.WindowMoved(options.clock().millis(), start)));
  }

  /**
   * Clears the visible conversation; items appended later are visible.
   *
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized void clearWindow() {
    write(List.of(new LogEntry.WindowCleared(options.clock().millis())));
  }

  /**
   * Makes the visible conversation equal {@code visible}, without rewriting anything: the longest
   * tail of the history that {@code visible} starts with stays, the items of {@code visible} after
   * it are appended, and the window moves to the start of that tail (a chat memory's "update
   * messages"). One atomic append; nothing is written when the visible conversation already
   * equals {@code visible}. An empty list clears the window.
   *
   * @param visible the new visible conversation, in order
   * @throws IllegalArgumentException if a user message to append holds a refusal
   * @throws InvalidTextException if a string to append holds a lone surrogate; nothing was
   *     written
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized void replaceVisible(List<HistoryItem> visible) {
    replace(List.copyOf(visible), 0, false);
  }

  /**
   * {@link #replaceVisible}, then ends the turn in the same append when the last {@code lastItems}
   * items of {@code wanted} were appended (they are new) and {@code endTurnIfLastNew}: what a chat
   * memory does when it learns only from the log whether its final answer is new ({@link
   * ChatMemories}).
   *
   * @return the window's start, the history index of {@code wanted}'s first item
   */
  synchronized int replace(List<HistoryItem> wanted, int lastItems, boolean endTurnIfLastNew) {
    List<HistoryItem> history = state.liveHistory();
    int size = history.size();
    int start = overlapStart(history, wanted);
    int kept = size - start;
    long ts = options.clock().millis();
    List<LogEntry> entries = new ArrayList<>();
    boolean opens = false;
    for (HistoryItem item : wanted.subList(kept, wanted.size())) {
      opens |= entriesFor(item, ts, entries);
    }
    if (start != state.visibleStart() || entries.size() > 0) {
      entries.add(new LogEntry.WindowMoved(ts, start));
    }
    boolean ends = endTurnIfLastNew && lastItems > 0 && wanted.size() - kept >= lastItems;
    if (ends) {
      addTurnEnd(ts, entries);
    }
    if (entries.isEmpty()) {
      return start;
    }
    write(entries);
    turnOpen = !ends && (turnOpen || opens);
    return start;
  }

  /**
   * Appends {@code items}, moves the window to history item {@code windowStart} and, when asked,
   * ends the turn, all in one append: the fast path of a chat memory that knows which of its
   * messages are new ({@link ChatMemories}). Costs what the new items cost, whatever the length
   * of the conversation.
   *
   * @return the history index of the first appended item (the history's size before)
   * @throws IndexOutOfBoundsException if {@code windowStart} is outside {@code 0..history size}
   */
  synchronized int appendAndShow(List<HistoryItem> items, int windowStart, boolean endTurn) {
    int size = state.liveHistory().size();
    if (windowStart < 0 || windowStart > size) {
      throw new IndexOutOfBoundsException(
          "window start " + windowStart + " is not within 0.." + size);
    }
    long ts = options.clock().millis();
    List<LogEntry> entries = new ArrayList<>(items.size() + 3);
    boolean opens = false;
    for (HistoryItem item : items) {
      opens |= entriesFor(item, ts, entries);
    }
    if (windowStart != state.visibleStart()) {
      entries.add(new LogEntry.WindowMoved(ts, windowStart));
    }
    if (endTurn) {
      addTurnEnd(ts, entries);
    }
    if (!entries.isEmpty()) {
      write(entries);
      turnOpen = !endTurn && (turnOpen || opens);
    }
    return size;
  }

  /** {@return the history index of the first visible item} */
  synchronized int visibleStart() {
    return state.visibleStart();
  }

  /** {@return the system prompt in force} */
  synchronized Optional<String> systemPrompt() {
    return state.systemPrompt();
  }

  private void addTurnEnd(long ts, List<LogEntry> entries) {
    entries.add(new LogEntry.TurnEnd(ts, state.turnCount() + 1));
    entries.add(new LogEntry.RunCompleted(ts, false, RunResult.FINISHED));
  }

  /** The smallest index from which the history's tail is a prefix of {@code wanted}. */
  private static int overlapStart(List<HistoryItem> history, List<HistoryItem> wanted) {
    int size = history.size();
    for (int start = Math.max(0, size - wanted.size()); start < size; start++) {
      boolean matches = true;
      for (int i = start; i < size && matches; i++) {
        matches = history.get(i).equals(wanted.get(i - start));
      }
      if (matches) {
        return start;
      }
    }
    return size;
  }

  /**
   * Replaces the system prompt from here on ({@code system_prompt_changed}); nothing is written
   * when it is unchanged.
   *
   * @param systemPrompt the new prompt, or empty to remove it
   * @throws InvalidTextException if the prompt holds a lone surrogate; nothing was written
   * @throws SegmentIoException if the storage fails; nothing was written
   */
  public synchronized void changeSystemPrompt(Optional<String> systemPrompt) {
    if (!state.systemPrompt().equals(systemPrompt)) {
      write(List.of(new LogEntry.SystemPromptChanged(options.clock().millis(), systemPrompt)));
    }
  }

  /** {@return the last assistant message of the history, if any} */
  public synchronized Optional<HistoryItem.Message> lastAssistantMessage() {
    List<HistoryItem> history = state.liveHistory();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof HistoryItem.Message m && m.role() == Role.ASSISTANT) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** {@return the visible conversation: the history from the window's start, a copy} */
  public synchronized List<HistoryItem> visibleMessages() {
    List<HistoryItem> history = state.liveHistory();
    return List.copyOf(history.subList(state.visibleStart(), history.size()));
  }

  /** {@return the whole history, every item ever appended or seeded, a copy} */
  public synchronized List<HistoryItem> history() {
    return List.copyOf(state.liveHistory());
  }

  /** {@return the completed turns} */
  public synchronized long turnCount() {
    return state.turnCount();
  }

  /**
   * {@return the state, exactly as {@link SegmentStore#restore} of the segment replays it now}
   */
  public synchronized RestoredState state() {
    return state.toState();
  }

  /**
   * Forks the conversation at a turn into a new session (which inherits no key), and opens the
   * fork; this conversation is unchanged.
   *
   * @param atTurn the turn: the turn base or a completed turn of this segment
   * @return the fork, holding its writer lock; the caller must close it
   * @throws io.github.agentledger.segment.lineage.TurnNotFoundException if there is no such turn
   * @throws SegmentIoException if the storage fails
   */
  public synchronized Conversation fork(long atTurn) {
    return fork(atTurn, KeyTakeover.KEEP_ON_ORIGIN);
  }

  /**
   * Forks the conversation at a turn into a new session and opens the fork, moving this
   * conversation's key to it when asked. With {@link KeyTakeover#MOVE_TO_FORK} the key is rebound
   * from this conversation's session to the fork's by one compare-and-set ({@link
   * SegmentStore#rebindKey}): after it, {@link #open(SegmentStore, ConversationKey)} of the key
   * opens the fork, this conversation's {@link #key()} is empty and its history is unchanged. A
   * crash leaves the key on this session or on the fork, never on neither. When the key no longer
   * names this session (another fork took it, it was unbound or rebound), the takeover fails with
   * {@link KeyBindingConflictException} and the fork it created is deleted again.
   *
   * @param atTurn the turn: the turn base or a completed turn of this segment
   * @param takeover whether the key stays here or moves to the fork
   * @return the fork, holding its writer lock; the caller must close it
   * @throws IllegalStateException if the key is to move but this conversation was not opened by a
   *     key; nothing was written
   * @throws KeyBindingConflictException if the key is to move but no longer names this
   *     conversation's session; nothing remains stored of the fork
   * @throws io.github.agentledger.segment.lineage.TurnNotFoundException if there is no such turn
   * @throws SegmentIoException if the storage fails; when it fails while moving the key, the fork
   *     may remain stored and the key names this session or the fork
   */
  public synchronized Conversation fork(long atTurn, KeyTakeover takeover) {
    Objects.requireNonNull(takeover, "takeover");
    SessionId origin = writer.sessionId();
    Optional<ConversationKey> moving = Optional.empty();
    if (takeover == KeyTakeover.MOVE_TO_FORK) {
      if (openedBy.isEmpty()) {
        throw new IllegalStateException(
            "conversation " + segment() + " was not opened by a key; none can move");
      }
      ConversationKey k = openedBy.get();
      // Fail before forking when the key has gone already; the compare-and-set below still
      // decides a race that starts after this look.
      Optional<SessionId> bound = store.lookupKey(k);
      if (!bound.equals(Optional.of(origin))) {
        throw new KeyBindingConflictException(k, origin, bound);
      }
      moving = Optional.of(k);
    }
    SegmentHead head =
        SegmentLineage.over(store, options.ids(), options.clock())
            .forkAt(segment(), atTurn, ForkTarget.NEW_SESSION);
    if (moving.isPresent()) {
      SessionId fork = head.segment().sessionId();
      try {
        store.rebindKey(moving.get(), origin, fork);
      } catch (KeyBindingConflictException | SessionNotFoundException e) {
        // The key did not move: nothing names the fork, so it goes again.
        try {
          store.deleteSession(fork);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      key = Optional.empty();
    }
    return resume(store, head.segment(), moving, options);
  }

  /**
   * Forks the conversation after its last completed turn (see {@link #fork(long)}).
   *
   * @return the fork, holding its writer lock; the caller must close it
   * @throws SegmentIoException if the storage fails
   */
  public synchronized Conversation forkAtLastTurn() {
    return fork(state.turnCount());
  }

  /**
   * Forks the conversation after its last completed turn, moving its key when asked (see {@link
   * #fork(long, KeyTakeover)}).
   *
   * @param takeover whether the key stays here or moves to the fork
   * @return the fork, holding its writer lock; the caller must close it
   * @throws IllegalStateException if the key is to move but this conversation has none
   * @throws KeyBindingConflictException if the key is to move but no longer names this
   *     conversation's session; nothing remains stored of the fork
   * @throws SegmentIoException if the storage fails
   */
  public synchronized Conversation forkAtLastTurn(KeyTakeover takeover) {
    return fork(state.turnCount(), takeover);
  }

  /**
   * {@return the segment's JSONL, every committed line, for a checkpoint transcript}
   *
   * @throws SegmentIoException if the storage fails
   */
  public byte[] transcript() {
    try (InputStream in = openTranscript()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new SegmentIoException("read transcript", segment().toString(), e);
    }
  }

  /**
   * Opens the segment's JSONL as a stream, for a transcript too large to hold in memory.
   *
   * @return the bytes; the caller must close the stream
   * @throws SegmentIoException if the storage fails
   */
  public InputStream openTranscript() {
    SegmentRef segment = segment();
    return store.openJsonl(segment.sessionId(), segment.segmentId());
  }

  /** Releases the writer lock; closing twice does nothing. */
  @Override
  public synchronized void close() {
    writer.close();
  }

  /** Adds the entries of one item; {@return whether they open a turn} */
  private boolean entriesFor(HistoryItem item, long ts, List<LogEntry> entries) {
    Objects.requireNonNull(item, "item");
    if (item instanceof HistoryItem.Message m && m.role() == Role.USER) {
      if (!turnOpen && entries.stream().noneMatch(LogEntry.Invoke.class::isInstance)) {
        entries.add(new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND));
      }
      entries.add(
          new LogEntry.UserInput(ts, userSegments(m), List.of(), m.id(), m.attributes()));
      return true;
    }
    if (item instanceof HistoryItem.ToolResult) {
      entries.add(new LogEntry.ToolResult(ts, item));
    } else {
      entries.add(new LogEntry.AssistantItem(ts, item));
    }
    return true;
  }

  private static List<UserSegment> userSegments(HistoryItem.Message message) {
    List<UserSegment> segments = new ArrayList<>(message.content().size());
    for (ContentPart part : message.content()) {
      if (part instanceof ContentPart.Text text) {
        segments.add(new UserSegment.Text(text.text()));
      } else if (part instanceof ContentPart.Unknown unknown) {
        segments.add(new UserSegment.Unknown(unknown.kind(), unknown.json()));
      } else if (part instanceof ContentPart.Refusal) {
        throw new IllegalArgumentException("a user message cannot hold a refusal");
      } else {
        segments.add(new UserSegment.Media(part));
      }
    }
    return segments;
  }

  private void write(List<LogEntry> entries) {
    writer.append(state.entryCount(), entries);
    for (LogEntry entry : entries) {
      state.applyOne(entry);
    }
  }
}
