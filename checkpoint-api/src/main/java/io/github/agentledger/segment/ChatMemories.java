package io.github.agentledger.segment;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat memories of a framework over one {@link SegmentStore}: what a framework adapter
 * (LangChain4j's {@code ChatMemoryStore}, Spring AI's {@code ChatMemoryRepository}) delegates to,
 * so that it only maps messages ({@link MessageMapping}). Each {@link ConversationKey} is a {@link
 * Conversation}, opened on first use and kept open (its segment's writer lock held) until {@link
 * #close()}.
 *
 * <p><b>Updates never rewrite.</b> {@link #update} makes the visible conversation equal the
 * framework's list: the messages that are new are appended, the window moves to where the list
 * starts, and a new final answer ({@link MessageMapping#endsTurn}) ends the turn, all in one
 * atomic append; messages the framework evicted stay in the history. A leading message that
 * {@link MessageMapping#systemPrompt} recognises is the conversation's system prompt ({@code
 * system_prompt_changed} when it changes).
 *
 * <p><b>Cost flat in the conversation's length.</b> A memory remembers, by identity, the message
 * objects it was last given or last returned ({@link #messages}) and where their items start in
 * the history. When a list starts with a remembered message and continues with the remembered
 * ones after it (a window that evicted at the front and added at the end, as window memories
 * do), only the new messages are mapped and written: no item is compared and nothing is read
 * back, so an update costs one reference comparison per message of the list (the price of
 * checking that the framework's list is what it was) plus what the new messages cost. Any other
 * list (the first after opening, one whose messages were replaced) is matched against the
 * history by {@link Conversation#replaceVisible}'s rule, by value. {@link #messages} hands back
 * the remembered messages themselves while they are the visible conversation (as an in-memory
 * store does), so a memory's read-add-update cycle maps only what is new.
 *
 * <p><b>Threads and processes.</b> Thread-safe: calls on one key are serialised, calls on
 * different keys run in parallel. Two threads that each read the list, add a message and update
 * both keep their message in the history; the window shows the list of the later update. A second
 * {@code ChatMemories} (in this process or another) on a key whose conversation this one holds
 * open fails with {@link SegmentLockedException} until this one {@linkplain #close() closes},
 * and nothing it tried was written; retry after the holder closed.
 *
 * @param <M> the framework's message type
 */
public final class ChatMemories<M> implements AutoCloseable {
  private final SegmentStore store;
  private final ConversationOptions options;
  private final MessageMapping<M> mapping;
  private final Map<ConversationKey, Memory<M>> open = new ConcurrentHashMap<>();

  private ChatMemories(
      SegmentStore store, ConversationOptions options, MessageMapping<M> mapping) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * Creates the chat memories of a framework.
   *
   * @param store the segment store that keeps the conversations
   * @param options the clock, ids and the start of new conversations
   * @param mapping the framework's message mapping
   * @param <M> the framework's message type
   * @return the memories; close them to release the conversations' writer locks
   */
  public static <M> ChatMemories<M> over(
      SegmentStore store, ConversationOptions options, MessageMapping<M> mapping) {
    return new ChatMemories<>(store, options, mapping);
  }

  /**
   * {@return the visible conversation as the framework's messages, the system prompt first when
   * there is one; empty, without creating anything, when the key names no conversation}
   *
   * @param key the conversation's key
   * @throws SegmentLockedException if another writer holds the conversation's segment
   * @throws SegmentLogException if the log cannot be read
   */
  public List<M> messages(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    Memory<M> memory = open.get(key);
    if (memory == null) {
      if (store.lookupKey(key).isEmpty()) {
        return new ArrayList<>();
      }
      memory = memory(key);
    }
    return memory.messages();
  }

  /**
   * Makes the visible conversation equal {@code messages}, creating the conversation on first use
   * (see the class comment).
   *
   * @param key the conversation's key
   * @param messages the framework's messages, in order
   * @throws IllegalArgumentException if a message has no mapping; nothing was written
   * @throws SegmentLockedException if another writer holds the conversation's segment; nothing
   *     was written
   * @throws SegmentLogException if the log cannot be written; nothing was written
   */
  public void update(ConversationKey key, List<? extends M> messages) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(messages, "messages");
    memory(key).update(messages);
  }

  /**
   * Clears the visible conversation and keeps its history; nothing happens when the key names no
   * conversation.
   *
   * @param key the conversation's key
   * @throws SegmentLogException if the log cannot be written
   */
  public void clearWindow(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    if (open.containsKey(key) || store.lookupKey(key).isPresent()) {
      memory(key).clear();
    }
  }

  /**
   * Erases the conversation: closes it, then deletes its session and key ({@link
   * SegmentStore#deleteSession}); nothing happens when the key names no conversation.
   *
   * @param key the conversation's key
   * @throws SegmentLockedException if another writer holds the conversation's segment; nothing
   *     was deleted
   * @throws SegmentLogException if the store cannot be changed
   */
  public void erase(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    Memory<M> memory = open.remove(key);
    if (memory != null) {
      memory.close();
    }
    store.lookupKey(key).ifPresent(store::deleteSession);
  }

  /** Closes every open conversation, releasing their writer locks; closing twice does nothing. */
  @Override
  public void close() {
    for (ConversationKey key : List.copyOf(open.keySet())) {
      Memory<M> memory = open.remove(key);
      if (memory != null) {
        memory.close();
      }
    }
  }

  private Memory<M> memory(ConversationKey key) {
    return open.computeIfAbsent(
        key, k -> new Memory<>(Conversation.open(store, k, options), mapping));
  }

  /**
   * One open conversation and the framework's messages it shows: {@code shown} from index {@code
   * head} on, each with the history index of its first item; {@code positions} finds a message
   * by identity, as {@code dropped} plus its index in {@code shown}.
   */
  private static final class Memory<M> {
    private final Conversation conversation;
    private final MessageMapping<M> mapping;
    private Optional<String> systemPrompt;
    private final List<Shown<M>> shown = new ArrayList<>();
    private final Map<M, Long> positions = new IdentityHashMap<>();
    private int head;
    private long dropped;
    /** Whether {@code shown} from {@code head} on is exactly the visible conversation. */
    private boolean inSync;

    Memory(Conversation conversation, MessageMapping<M> mapping) {
      this.conversation = conversation;
      this.mapping = mapping;
      this.systemPrompt = conversation.systemPrompt();
    }

    synchronized List<M> messages() {
      List<M> messages = new ArrayList<>(shown.size() - head + 1);
      systemPrompt.ifPresent(prompt -> messages.add(mapping.systemPromptMessage(prompt)));
      if (inSync) {
        // The window is what the framework last passed or got: hand those messages back, as an
        // in-memory store would, without mapping the items again.
        for (int i = head; i < shown.size(); i++) {
          messages.add(shown.get(i).message());
        }
        return messages;
      }
      List<HistoryItem> visible = conversation.visibleMessages();
      List<M> mapped = mapping.toMessages(visible);
      remember(mapped, visible);
      messages.addAll(mapped);
      return messages;
    }

    synchronized void update(List<? extends M> messages) {
      // One copy into an array-backed list: a framework may pass a LinkedList (LangChain4j's
      // window memory does), whose get(i) would make the checks below quadratic.
      List<M> list = new ArrayList<>(messages);
      Optional<String> prompt =
          list.isEmpty() ? Optional.empty() : mapping.systemPrompt(list.get(0));
      if (prompt.isPresent()) {
        list = list.subList(1, list.size());
      }
      // Map before writing anything, so a message without a mapping changes nothing.
      int n = list.size();
      int known = knownPrefix(list);
      List<HistoryItem> items = new ArrayList<>(n - known + 4);
      int[] counts = new int[n - known]; // items of each new message, from index known on
      for (int j = known; j < n; j++) {
        int before = items.size();
        mapping.toItems(list.get(j), items);
        counts[j - known] = items.size() - before;
      }
      if (!prompt.equals(systemPrompt)) {
        conversation.changeSystemPrompt(prompt);
        systemPrompt = prompt;
      }
      if (n == 0) {
        conversation.replace(List.of(), 0, false);
        forget();
        inSync = true;
      } else if (known > 0) {
        appendKnown(list, known, items, counts);
      } else {
        replaceAll(list, items, counts);
      }
    }

    synchronized void clear() {
      conversation.clearWindow();
      forget();
      inSync = true;
    }

    synchronized void close() {
      conversation.close();
    }

    /**
     * {@return how many messages at the head of {@code list} are the remembered ones, in order,
     * ending with the last remembered message; 0 when the list does not continue what is shown}
     */
    private int knownPrefix(List<? extends M> list) {
      if (list.isEmpty()) {
        return 0;
      }
      Long position = positions.get(list.get(0));
      if (position == null) {
        return 0;
      }
      int first = (int) (position - dropped);
      int known = shown.size() - first;
      if (known > list.size()) {
        return 0;
      }
      for (int j = 0; j < known; j++) {
        if (list.get(j) != shown.get(first + j).message()) {
          return 0;
        }
      }
      return known;
    }

    /** The fast path: the list's first {@code known} messages are shown already. */
    private void appendKnown(
        List<? extends M> list, int known, List<HistoryItem> items, int[] counts) {
      int n = list.size();
      int first = shown.size() - known;
      boolean endTurn = n > known && mapping.endsTurn(list.get(n - 1));
      int at = conversation.appendAndShow(items, shown.get(first).firstItem(), endTurn);
      for (int i = head; i < first; i++) {
        positions.remove(shown.get(i).message());
      }
      head = first;
      for (int j = known; j < n; j++) {
        show(list.get(j), at);
        at += counts[j - known];
      }
      if (head > 64 && head > shown.size() / 2) {
        shown.subList(0, head).clear();
        dropped += head;
        head = 0;
      }
      inSync = true;
    }

    /** The slow path: match the whole list against the history by value. */
    private void replaceAll(List<? extends M> list, List<HistoryItem> items, int[] counts) {
      int n = list.size();
      int start = conversation.replace(items, counts[n - 1], mapping.endsTurn(list.get(n - 1)));
      forget();
      int at = start;
      for (int j = 0; j < n; j++) {
        show(list.get(j), at);
        at += counts[j];
      }
      inSync = true;
    }

    /** Remembers the messages returned for the visible items, if they map back onto them. */
    private void remember(List<M> messages, List<HistoryItem> visible) {
      List<HistoryItem> again = new ArrayList<>(visible.size());
      int[] counts = new int[messages.size()];
      try {
        for (int j = 0; j < messages.size(); j++) {
          int before = again.size();
          mapping.toItems(messages.get(j), again);
          counts[j] = again.size() - before;
        }
      } catch (IllegalArgumentException e) {
        return; // not a faithful round trip: the next update matches by value
      }
      if (!again.equals(visible)) {
        return;
      }
      forget();
      int at = conversation.visibleStart();
      for (int j = 0; j < messages.size(); j++) {
        show(messages.get(j), at);
        at += counts[j];
      }
      inSync = true;
    }

    private void show(M message, int firstItem) {
      shown.add(new Shown<>(message, firstItem));
      positions.put(message, dropped + shown.size() - 1);
    }

    private void forget() {
      shown.clear();
      positions.clear();
      head = 0;
      dropped = 0;
      inSync = false;
    }
  }

  /** A framework message shown in the window, and the history index of its first item. */
  private record Shown<M>(M message, int firstItem) {}
}
