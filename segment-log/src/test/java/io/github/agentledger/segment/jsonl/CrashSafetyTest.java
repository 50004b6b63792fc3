package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a child JVM (SIGKILL) while it appends, at a random moment, then checks that every
 * acknowledged line is present and intact, no torn line is visible, and the next append works.
 */
class CrashSafetyTest {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);
  private static final long SEED = Long.getLong("agentledger.crash.seed", 20261121L);
  private static final Pattern LINE = Pattern.compile("\\{\"t\":(\\d+),\"i\":(\\d+),.*");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"FSYNC_EACH", "GROUP_COMMIT"})
  void everyAcknowledgedLineSurvivesAKillAndNoTornLineIsVisible(Durability durability) {
    killWhileAppending(durability, "sync");
  }

  /** Asynchronous appends: staged lines are written by the flusher; acknowledged means forced. */
  @Test
  void everyAcknowledgedAsyncAppendSurvivesAKillAndNoTornLineIsVisible() {
    killWhileAppending(Durability.GROUP_COMMIT, "async");
  }

  private void killWhileAppending(Durability durability, String mode) {
    RandomGenerator random = new SplittableRandom(SEED ^ durability.ordinal() ^ mode.hashCode());
    for (int run = 0; run < RUNS; run++) {
      Path segment = dir.resolve(durability + "-" + mode + "-" + run).resolve(
          "0197a000-0000-7000-8000-00000000000" + (run % 10) + ".jsonl");
      createParent(segment);
      SegmentFileWriter.create(segment, lines("{\"start\":0}"), WriterOptions.of(Durability.NONE))
          .close();
      int killAfterAcks = random.nextInt(1, 120);
      Set<String> acked = new HashSet<>();
      try (ChildJvm child = ChildJvm.start(AppendChildMain.class,
          dir.resolve(durability + "-" + mode + "-" + run + ".err"), segment.toString(),
          durability.name(), "4", mode)) {
        while (acked.size() < killAfterAcks) {
          acked.add(child.expectLine());
        }
        child.kill();
        for (Optional<String> rest = child.readLine(); rest.isPresent();
            rest = child.readLine()) {
          acked.add(rest.get()); // printed before the kill: acknowledged too
        }
      }
      String context = durability + " " + mode + " run " + run + " (seed " + SEED + ", killed after "
          + killAfterAcks + " acks)";
      Set<String> present = checkIntact(segment, context);
      assertThat(present).as(context).containsAll(acked);
      try (SegmentFileWriter writer =
          SegmentFileWriter.open(segment, WriterOptions.of(durability))) {
        assertThat(writer.entryCount()).as(context).isEqualTo(present.size() + 1);
        writer.append(OptionalLong.of(present.size() + 1), lines(AppendChildMain.line(99, 0)));
      }
      assertThat(checkIntact(segment, context)).as(context).contains("99 0");
    }
  }

  /** Reads the segment; every visible line must be exactly the line its writer wrote. */
  private static Set<String> checkIntact(Path segment, String context) {
    Set<String> present = new HashSet<>();
    try (SegmentLineReader reader = SegmentLineReader.open(segment)) {
      assertThat(reader.next()).as(context).isTrue();
      assertThat(reader.lineText()).isEqualTo("{\"start\":0}");
      while (reader.next()) {
        String text = reader.lineText();
        Matcher m = LINE.matcher(text);
        assertThat(m.matches()).as(context + ": line " + reader.lineNumber() + " " + text)
            .isTrue();
        int t = Integer.parseInt(m.group(1));
        int i = Integer.parseInt(m.group(2));
        assertThat(text).as(context + ": line " + reader.lineNumber())
            .isEqualTo(AppendChildMain.line(t, i));
        assertThat(present.add(t + " " + i)).as(context + ": duplicate " + text).isTrue();
      }
    }
    return present;
  }

  private static void createParent(Path segment) {
    try {
      java.nio.file.Files.createDirectories(segment.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
