package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatMemories} with a small framework of its own ({@link Msg}): what it writes for the
 * lists a window memory passes, and that an update maps only the new messages (the counting
 * mapping shows it), whatever the length of the conversation.
 */
class ChatMemoriesTest {
  /** A framework message: a record, so equal messages need not be the same object. */
  record Msg(Role role, String text, boolean asksForTool) {
    static Msg user(String text) {
      return new Msg(Role.USER, text, false);
    }

    static Msg answer(String text) {
      return new Msg(Role.ASSISTANT, text, false);
    }

    static Msg system(String text) {
      return new Msg(Role.SYSTEM, text, false);
    }
  }

  /** The framework's mapping; counts the messages it maps to items. */
  static final class MsgMapping implements MessageMapping<Msg> {
    int mapped;

    @Override
    public void toItems(Msg message, List<HistoryItem> items) {
      if (message.text().isEmpty()) {
        throw new IllegalArgumentException("an empty message has no mapping");
      }
      mapped++;
      items.add(HistoryItem.Message.text(message.role(), message.text()));
    }

    @Override
    public List<Msg> toMessages(List<HistoryItem> items) {
      List<Msg> messages = new ArrayList<>();
      for (HistoryItem item : items) {
        HistoryItem.Message m = (HistoryItem.Message) item;
        messages.add(new Msg(m.role(), m.text(), false));
      }
      return messages;
    }

    @Override
    public Optional<String> systemPrompt(Msg message) {
      return message.role() == Role.SYSTEM ? Optional.of(message.text()) : Optional.empty();
    }

    @Override
    public Msg systemPromptMessage(String prompt) {
      return Msg.system(prompt);
    }

    @Override
    public boolean endsTurn(Msg message) {
      return message.role() == Role.ASSISTANT && !message.asksForTool();
    }
  }

  private final ConversationKey key = ConversationKey.of("memory-1");
  private SegmentStore store;
  private ConversationOptions options;
  private MsgMapping mapping;
  private ChatMemories<Msg> memories;

  @BeforeEach
  void setUp() {
    store = new InMemorySegmentStore();
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    options = ConversationOptions.defaults()
        .withTime(clock, IdGenerator.create(clock, new SplittableRandom(16)));
    mapping = new MsgMapping();
    memories = ChatMemories.over(store, options, mapping);
  }

  @AfterEach
  void tearDown() {
    memories.close();
  }

  private RestoredState logged() {
    memories.close();
    try (Conversation c = Conversation.open(store, key, options)) {
      return c.state();
    }
  }

  private static List<String> texts(List<HistoryItem> items) {
    return items.stream().map(i -> ((HistoryItem.Message) i).text()).toList();
  }

  /** Plays a window memory of {@code max} messages adding {@code count} messages. */
  private List<Msg> slideWindow(int max, int count) {
    List<Msg> window = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      window.add(i % 2 == 0 ? Msg.user("q" + i) : Msg.answer("a" + i));
      if (window.size() > max) {
        window.remove(0);
      }
      memories.update(key, new ArrayList<>(window));
    }
    return window;
  }

  @Test
  void aSlidingWindowAppendsEachMessageOnceAndMovesTheWindow() {
    List<Msg> window = slideWindow(4, 10);

    assertThat(memories.messages(key)).containsExactlyElementsOf(window);
    RestoredState state = logged();
    assertThat(texts(state.history()))
        .containsExactly("q0", "a1", "q2", "a3", "q4", "a5", "q6", "a7", "q8", "a9");
    assertThat(texts(state.visibleHistory())).containsExactly("q6", "a7", "q8", "a9");
    assertThat(state.turnCount()).isEqualTo(5);
  }

  @Test
  void anUpdateMapsOnlyTheNewMessagesWhateverTheLength() {
    slideWindow(1_000, 2_000);
    int before = mapping.mapped;

    List<Msg> next = new ArrayList<>(memories.messages(key));
    next.remove(0);
    next.add(Msg.user("one more"));
    memories.update(key, next);

    assertThat(mapping.mapped - before).isEqualTo(1);
    assertThat(logged().history()).hasSize(2_001);
  }

  @Test
  void aListOfEqualButNewObjectsIsMatchedByValueAndAppendsNothingTwice() {
    slideWindow(10, 4);
    List<Msg> copies = new ArrayList<>();
    for (Msg m : memories.messages(key)) {
      copies.add(new Msg(m.role(), m.text(), m.asksForTool()));
    }
    copies.add(Msg.answer("a4"));

    memories.update(key, copies);

    RestoredState state = logged();
    assertThat(texts(state.history())).containsExactly("q0", "a1", "q2", "a3", "a4");
    assertThat(state.turnCount()).isEqualTo(3);
  }

  @Test
  void aReplacedMessageInTheMiddleIsNotMistakenForTheShownOne() {
    slideWindow(10, 4);
    List<Msg> changed = new ArrayList<>(memories.messages(key));
    changed.set(1, Msg.answer("a1, edited"));

    memories.update(key, changed);

    RestoredState state = logged();
    assertThat(texts(state.visibleHistory())).containsExactly("q0", "a1, edited", "q2", "a3");
    assertThat(texts(state.history())).contains("q0", "a1", "q2", "a3", "a1, edited");
  }

  @Test
  void aReopenedMemoryContinuesWithoutDuplicatingAndEndsTurnsOnlyForNewAnswers() {
    List<Msg> window = slideWindow(3, 5);
    memories.close();
    memories = ChatMemories.over(store, options, mapping);
    List<Msg> again = new ArrayList<>(window);

    memories.update(key, again);
    RestoredState unchanged = logged();
    assertThat(unchanged.history()).hasSize(5);
    assertThat(unchanged.turnCount()).isEqualTo(2);

    memories = ChatMemories.over(store, options, mapping);
    List<Msg> more = new ArrayList<>(memories.messages(key));
    more.add(Msg.answer("a5"));
    memories.update(key, more);
    assertThat(logged().turnCount()).isEqualTo(3);
  }

  @Test
  void aLeadingSystemMessageIsThePromptAndComesBackFirst() {
    memories.update(key, List.of(Msg.system("Be brief."), Msg.user("hi")));
    memories.update(key, List.of(Msg.system("Be kind."), Msg.user("hi")));

    assertThat(memories.messages(key))
        .containsExactly(Msg.system("Be kind."), Msg.user("hi"));
    RestoredState state = logged();
    assertThat(state.systemPrompt()).contains("Be kind.");
    assertThat(texts(state.history())).containsExactly("hi");
  }

  @Test
  void aMessageWithoutMappingWritesNothing() {
    slideWindow(10, 2);
    long entries = logged().entryCount();
    memories = ChatMemories.over(store, options, mapping);
    List<Msg> bad = new ArrayList<>(memories.messages(key));
    bad.add(Msg.user("fine"));
    bad.add(Msg.user(""));

    assertThatThrownBy(() -> memories.update(key, bad))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(logged().entryCount()).isEqualTo(entries);
  }

  @Test
  void anEmptyListClearsTheWindowAndClearWindowKeepsTheHistory() {
    slideWindow(10, 4);
    memories.update(key, List.of());
    assertThat(memories.messages(key)).isEmpty();
    memories.update(key, List.of(Msg.user("again")));
    memories.clearWindow(key);

    RestoredState state = logged();
    assertThat(state.visibleHistory()).isEmpty();
    assertThat(texts(state.history())).containsExactly("q0", "a1", "q2", "a3", "again");
  }

  @Test
  void anUnknownKeyReadsEmptyWithoutCreatingAndEraseDeletesTheSession() {
    assertThat(memories.messages(ConversationKey.of("nobody"))).isEmpty();
    assertThat(store.listSessions()).isEmpty();

    slideWindow(10, 2);
    memories.erase(key);

    assertThat(store.listSessions()).isEmpty();
    assertThat(store.lookupKey(key)).isEmpty();
  }
}
