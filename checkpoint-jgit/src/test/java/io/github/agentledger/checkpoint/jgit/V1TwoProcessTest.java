package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs writing the same repository at the same time lose nothing (CAS across processes). */
class V1TwoProcessTest {
  static final CheckpointId SHARED = CheckpointId.parse("ab0000000000");

  @TempDir
  Path dir;

  @Test
  void twoProcessesWritingAtOnceLoseNothing() throws Exception {
    int count = 25 * StressSettings.scale();
    TestRepos.onDisk(dir).close();
    List<Process> processes = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    try {
      for (String prefix : List.of("c1", "c2")) {
        Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            V1WriterProcess.class.getName(), dir.toString(), prefix, Integer.toString(count))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        processes.add(process);
        BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        outputs.add(out);
      }
      for (Process process : processes) {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
      }
      List<CheckpointId> acknowledged = new ArrayList<>();
      for (int i = 0; i < processes.size(); i++) {
        String line;
        while ((line = outputs.get(i).readLine()) != null) {
          acknowledged.add(CheckpointId.parse(line));
        }
        assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(processes.get(i).exitValue()).isZero();
      }

      assertThat(acknowledged).hasSize(2 * count);
      try (Repository repository = TestRepos.openOnDisk(dir)) {
        JGitCheckpointStore store = TestRepos.store(repository).build();
        Set<CheckpointId> listed = store.list().stream().map(CheckpointListEntry::checkpointId)
            .collect(Collectors.toSet());
        assertThat(listed).containsAll(acknowledged).hasSize(2 * count + 1);
        assertThat(store.readSummary(SHARED).orElseThrow().sessions()).hasSize(2 * count);
      }
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }
}
