package io.github.agentledger.examples.fork;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.HeadCheck;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Forking a conversation at a turn: a conversation of three turns is forked after its first
 * turn, and the fork goes another way; the source segment is never modified, and the lineage
 * (origin, children, ancestry) is read back. Then a writer whose segment another writer moved is
 * forked instead of writing over it ({@link SegmentLineage#ensureHeadOrFork}).
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar fork}. Not
 * thread-safe: one run at a time per working directory.
 */
public final class ForkConversation {
  private ForkConversation() {}

  /**
   * Runs the example in a new temporary directory and prints what it does.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("agentledger-fork-"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /**
   * Runs the example with its segment store in {@code workDir}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the source conversation and the fork, as they end
   */
  public static ForkResult run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    Clock clock = Clock.systemUTC();
    SegmentStore store = JsonlSegmentStore.open(workDir, Durability.FSYNC_EACH);
    SegmentLineage lineage = SegmentLineage.over(store, IdGenerator.system(), clock);

    // A conversation of three turns.
    SegmentHead source = lineage.create(
        SegmentSeed.of("You are a travel assistant.", RequestConfig.defaults()));
    source = turn(store, source, clock, "Plan a weekend in Porto", "Day 1: Ribeira; day 2: Douro.");
    source = turn(store, source, clock, "Add a restaurant", "Try a francesinha at Café Santiago.");
    source = turn(store, source, clock, "Make it cheaper", "Take the train to the Douro.");
    out.println("1. conversation " + source.segment() + ": " + source.state().turnCount()
        + " turns");

    // Fork after turn 1 and take the conversation elsewhere; the source is only read.
    SegmentHead fork = lineage.forkAt(source.segment(), 1, ForkTarget.SAME_SESSION);
    out.println("2. forked at turn 1 into " + fork.segment() + ": " + fork.state().turnCount()
        + " turn, " + fork.state().history().size() + " history items");
    fork = turn(store, fork, clock, "Actually, make it Lisbon", "Day 1: Alfama; day 2: Sintra.");
    out.println("3. the fork went on: " + lastAnswer(fork.state()));
    RestoredState sourceNow = store.restore(source.segment().sessionId(),
        source.segment().segmentId());
    out.println("   the source is unchanged: " + sourceNow.turnCount() + " turns, "
        + lastAnswer(sourceNow));

    // The lineage is recorded on the fork's first line and read back from there.
    Derivation origin = lineage.origin(fork.segment()).orElseThrow();
    out.println("4. origin of the fork: " + origin.kind() + " from " + origin.sourceSegment()
        + " at turn " + origin.source().atTurnIndex());
    out.println("   children of the source: " + lineage.children(source.segment()));
    out.println("   ancestry of the fork: " + lineage.ancestry(fork.segment()).stream()
        .map(SegmentRef::toString).collect(Collectors.joining(" <- ")));

    // Another writer appends to the fork behind our back: we fork instead of writing over it.
    SegmentRef shared = fork.segment();
    store.append(shared.sessionId(), shared.segmentId(), List.of(new LogEntry.Invoke(
        clock.millis(), InvokeTrigger.WAKEUP)));
    HeadCheck check = lineage.ensureHeadOrFork(fork);
    out.println("5. another writer moved " + shared + ": " + check.outcome() + ", continuing in "
        + check.head().segment());
    SegmentHead continued = turn(store, check.head(), clock, "And a museum?",
        "The tile museum, Museu do Azulejo.");
    return new ForkResult(source, continued, origin);
  }

  /** Appends one turn with compare-and-append, so a writer that lost its place is told. */
  private static SegmentHead turn(SegmentStore store, SegmentHead head, Clock clock, String ask,
      String answer) {
    long ts = clock.millis();
    SegmentRef segment = head.segment();
    store.append(segment.sessionId(), segment.segmentId(), head.state().entryCount(), List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text(ask)), List.of()),
        new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, answer)),
        new LogEntry.TurnEnd(ts, head.state().turnCount() + 1)));
    return new SegmentHead(segment, store.restore(segment.sessionId(), segment.segmentId(),
        head.state()));
  }

  static String lastAnswer(RestoredState state) {
    List<HistoryItem> history = state.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof HistoryItem.Message message
          && message.role() == Role.ASSISTANT
          && message.content().get(0) instanceof ContentPart.Text text) {
        return "\"" + text.text() + "\"";
      }
    }
    return "(no answer)";
  }
}
