package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLockTest {
  @TempDir Path dir;

  @Test
  void ofTwoProcessesRacingToOpenTheSameSegmentExactlyOneWins() {
    Path segment = dir.resolve("0197a000-0000-7000-8000-000000000004.jsonl");
    SegmentFileWriter.create(segment, lines("{\"start\":0}"), WriterOptions.of(Durability.NONE))
        .close();
    for (int round = 0; round < 3; round++) {
      try (ChildJvm a = ChildJvm.start(LockContenderMain.class, dir.resolve("a" + round + ".err"),
              segment.toString());
          ChildJvm b = ChildJvm.start(LockContenderMain.class, dir.resolve("b" + round + ".err"),
              segment.toString())) {
        assertThat(a.expectLine()).isEqualTo("READY");
        assertThat(b.expectLine()).isEqualTo("READY");
        a.send("GO");
        b.send("GO");
        List<String> results = List.of(a.expectLine(), b.expectLine());
        assertThat(results).as("round %d", round)
            .filteredOn(r -> r.equals("WON")).hasSize(1);
        assertThat(results).filteredOn(r -> r.startsWith("LOCKED")).hasSize(1);
        // while the winner holds it, this process is refused too, at once
        assertThatThrownBy(() -> SegmentFileWriter.open(segment, WriterOptions.of(Durability.NONE)))
            .isInstanceOfSatisfying(WriterLockedException.class, e -> assertThat(e.getMessage())
                .contains("another process"));
        a.closeStdin();
        b.closeStdin();
        assertThat(a.waitFor()).isZero();
        assertThat(b.waitFor()).isZero();
      }
      SegmentFileWriter.open(segment, WriterOptions.of(Durability.NONE)).close();
    }
  }
}
