package io.github.agentledger.checkpoint.jgit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The redaction package stands on its own: its sources import nothing else of this module (not
 * the stores, not the entry type), so that a redactor can be used and tested alone.
 */
class RedactPackageRulesTest {
  private static final Path SOURCES =
      Path.of("src/main/java/io/github/agentledger/checkpoint/jgit/redact");
  private static final Pattern MODULE_IMPORT =
      Pattern.compile("^import (?:static )?(io\\.github\\.agentledger\\.checkpoint\\.jgit\\.[\\w.]+);",
          Pattern.MULTILINE);

  @Test
  void redactionSourcesImportNothingElseOfTheModule() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(SOURCES)) {
      files = listing.filter(file -> file.toString().endsWith(".java")).toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path file : files) {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      Matcher imports = MODULE_IMPORT.matcher(source);
      while (imports.find()) {
        assertThat(imports.group(1)).as(file.getFileName().toString())
            .startsWith("io.github.agentledger.checkpoint.jgit.redact.");
      }
      assertThat(source).as(file.getFileName().toString())
          .doesNotContain("JGitCheckpointStore", "CheckpointStore");
    }
  }
}
