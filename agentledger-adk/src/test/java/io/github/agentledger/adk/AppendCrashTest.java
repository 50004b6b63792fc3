package io.github.agentledger.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.events.Event;
import com.google.adk.sessions.Session;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills (SIGKILL) a child JVM while it appends ADK events through the service, at a random
 * acknowledged event, then reopens the store: every acknowledged event is there, in order, the
 * session replays its state, and the next append works. Runs {@code agentledger.stress.crashRuns}
 * / 2 times (short by default,
 * long under {@code -Pstress}).
 */
class AppendCrashTest {
  /** Each run starts a JVM that loads ADK (seconds on a loaded machine): half the store's runs. */
  private static final int RUNS =
      Math.max(1, Integer.getInteger("agentledger.stress.crashRuns", 5) / 2);
  private static final long SEED = Long.getLong("agentledger.crash.seed", 20261206L);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"FSYNC_EACH", "GROUP_COMMIT"})
  void everyAcknowledgedEventSurvivesAKilledWriter(Durability durability) throws Exception {
    RandomGenerator random = new SplittableRandom(SEED ^ durability.ordinal());
    Path root = dir.resolve(durability.name());
    List<String> acked = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      int killAfter = random.nextInt(1, 60);
      String context =
          durability + " run " + run + " (seed " + SEED + ", killed after " + killAfter + " acks)";
      Process child = start(root, durability, dir.resolve(durability + "-" + run + ".err"));
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (int i = 0; i < killAfter; i++) {
          String line = out.readLine();
          assertThat(line).as(context + ": child ended early; " + stderr(dir, durability, run))
              .isNotNull();
          acked.add(line);
        }
        child.toHandle().destroyForcibly();
        child.waitFor();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          acked.add(line); // printed before the kill: acknowledged too
        }
      }
      // The next process reads every acknowledged event, in order, and can append again.
      try (SegmentSessionService service =
          SegmentSessionService.over(JsonlSegmentStore.open(root, durability))) {
        Session session = service.getSession("app", "ada", "s", Optional.empty()).blockingGet();
        List<String> ids = session.events().stream().map(Event::id).toList();
        Set<String> present = new LinkedHashSet<>(ids);
        assertThat(present).as(context).hasSameSizeAs(ids).containsAll(acked);
        assertThat(ids.subList(0, acked.size())).as(context).containsExactlyElementsOf(acked);
        Event last = session.events().get(session.events().size() - 1);
        assertThat(((Number) session.state().get("count")).longValue())
            .as(context)
            .isEqualTo(((Number) last.actions().stateDelta().get("count")).longValue());
        acked.clear();
        acked.addAll(ids);
      }
    }
  }

  private static Process start(Path root, Durability durability, Path err) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.add(AppendEventsChildMain.class.getName());
    command.add(root.toString());
    command.add(durability.name());
    return new ProcessBuilder(command).redirectError(err.toFile()).start();
  }

  private static String stderr(Path dir, Durability durability, int run) {
    try {
      return Files.readString(dir.resolve(durability + "-" + run + ".err"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
