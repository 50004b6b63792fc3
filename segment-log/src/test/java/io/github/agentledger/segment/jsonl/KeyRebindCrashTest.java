package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a child JVM that moves a key back and forth between two sessions with {@link
 * JsonlSegmentStore#rebindKey}, at a random moment: the key must name one of the two sessions,
 * the last acknowledged one or the next, never neither; so must an index rebuilt from the
 * sessions' claims; and the store must take the next rebind.
 */
class KeyRebindCrashTest {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);

  @TempDir Path dir;

  @Test
  void aKillDuringRebindsLeavesTheKeyOnTheOldOrTheNewSessionNeverNeither() throws IOException {
    SplittableRandom random = new SplittableRandom(1515);
    IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(15));
    ConversationKey key = ConversationKey.of("user-42/chat");
    for (int run = 0; run < RUNS; run++) {
      Path root = dir.resolve("run-" + run);
      JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.FSYNC_EACH);
      SessionId a = session(store, ids);
      SessionId b = session(store, ids);
      store.bindKey(key, a);
      int killAfter = random.nextInt(1, 40);
      SessionId lastAcked = a;
      try (ChildJvm child = ChildJvm.start(RebindChildMain.class,
          dir.resolve("run-" + run + ".err"), root.toString(), key.value(), a.toString(),
          b.toString())) {
        for (int acked = 0; acked < killAfter; acked++) {
          lastAcked = SessionId.parse(child.expectLine());
        }
        child.kill();
        for (Optional<String> rest = child.readLine(); rest.isPresent();
            rest = child.readLine()) {
          lastAcked = SessionId.parse(rest.get());
        }
      }
      String context = "run " + run + ", killed after " + killAfter + " acknowledged rebinds";

      JsonlSegmentStore reopened = JsonlSegmentStore.open(root, Durability.FSYNC_EACH);
      SessionId bound = reopened.lookupKey(key).orElseThrow(
          () -> new AssertionError(context + ": the key names no session"));
      assertThat(bound).as(context).isIn(a, b);
      assertThat(reopened.listKeys()).as(context).hasSize(1);

      SessionId other = bound.equals(a) ? b : a;
      reopened.rebindKey(key, bound, other);
      assertThat(reopened.lookupKey(key)).as(context).contains(other);

      deleteRecursively(root.resolve(KeyIndex.DIRECTORY));
      JsonlSegmentStore rebuilt = JsonlSegmentStore.open(root, Durability.FSYNC_EACH);
      assertThat(rebuilt.lookupKey(key)).as(context + ", index rebuilt").isPresent()
          .get().isIn(a, b);
      assertThat(lastAcked).as(context).isIn(a, b);
    }
  }

  private static SessionId session(JsonlSegmentStore store, IdGenerator ids) {
    SessionId session = ids.newSessionId();
    store.create(session, ids.newSegmentId(), List.of(LogEntryFixtures.start(session)));
    return session;
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
