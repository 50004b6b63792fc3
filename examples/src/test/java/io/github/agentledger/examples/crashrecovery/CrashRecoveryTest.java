package io.github.agentledger.examples.crashrecovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {
  @TempDir Path workDir;

  @Test
  void tornTailIsInvisibleThenCutOffAndTheNextTurnAppendsAfterIt() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    RestoredState state =
        CrashRecovery.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("1. committed 5 entries")
        .contains("2. crash: a torn tail of " + CrashRecovery.TORN_TAIL.length() + " bytes")
        .contains("3. readers ignore it: 5 entries, 1 turn")
        .contains("4. reopened writer repaired the tail")
        .contains("5. after one more turn: 9 entries, 2 turns, last answer \"6\"")
        .contains("6. a complete line that is not JSON is corruption, reported and never "
            + "skipped: line 10, byte ")
        .doesNotContain("unexpected");
    assertThat(state.entryCount()).isEqualTo(9);
    assertThat(state.turnCount()).isEqualTo(2);

    JsonlSegmentStore store = JsonlSegmentStore.open(workDir, Durability.NONE);
    List<SessionId> sessions = store.listSessions();
    assertThat(sessions).hasSize(1);
    SegmentId segment = store.listSegments(sessions.get(0)).get(0);
    Path file = workDir.resolve(sessions.get(0).toString()).resolve(segment + ".jsonl");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain(CrashRecovery.TORN_TAIL)
        .doesNotContain("not json");
    assertThat(text.lines()).hasSize(9);
    assertThat(store.restore(sessions.get(0), segment)).isEqualTo(state);
  }
}
