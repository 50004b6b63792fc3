package io.github.agentledger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's tour true: every {@code java} block in it must appear, line for line
 * (indentation aside), in one of the examples' sources (this module's or the modular
 * application's in examples-modular) or in the framework adapters' quick-start tests, which
 * compile and run as tests.
 */
class ReadmeSnippetsTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path README = MODULE.getParent().resolve("README.md");
  private static final List<Path> SOURCES = List.of(MODULE.resolve("src/main/java"),
      MODULE.getParent().resolve("examples-modular/src/main/java"),
      MODULE.resolveSibling("agentledger-langchain4j").resolve("src/test/java"),
      MODULE.resolveSibling("agentledger-spring-ai").resolve("src/test/java"),
      MODULE.resolveSibling("agentledger-adk").resolve("src/test/java"));

  @Test
  void everyJavaSnippetOfTheReadmeIsCodeOfAnExample() throws IOException {
    List<List<String>> snippets = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
    Map<Path, List<String>> sources = sources();

    assertThat(snippets).hasSizeGreaterThanOrEqualTo(5);
    for (List<String> snippet : snippets) {
      assertThat(sources.values())
          .as("README snippet not found verbatim in %s:%n%s", SOURCES, String.join("\n", snippet))
          .anyMatch(source -> Collections.indexOfSubList(source, snippet) >= 0);
    }
  }

  @Test
  void aSnippetThatDriftedFromTheSourcesIsCaught() throws IOException {
    List<String> drifted = new ArrayList<>(javaBlocks(
        Files.readString(README, StandardCharsets.UTF_8)).get(0));
    drifted.set(0, drifted.get(0) + " // edited");

    assertThat(sources().values())
        .noneMatch(source -> Collections.indexOfSubList(source, drifted) >= 0);
  }

  static List<List<String>> javaBlocks(String markdown) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line.strip());
      }
    }
    return blocks;
  }

  private static Map<Path, List<String>> sources() throws IOException {
    Map<Path, List<String>> sources = new TreeMap<>();
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          sources.put(file, Files.readString(file, StandardCharsets.UTF_8).lines()
              .map(String::strip).toList());
        }
      }
    }
    return sources;
  }
}
