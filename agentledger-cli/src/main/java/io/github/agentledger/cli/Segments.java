package io.github.agentledger.cli;

import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvalidIdException;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentledger segments}: list, show, verify and export JSONL segment logs, and migrate
 * sessions between stores ({@link SegmentMigrate}, the one subcommand that writes: into its
 * target). The others are read-only: no lock is taken and nothing is written to the store (a torn
 * tail is neither read nor cut).
 */
@Command(name = "segments", mixinStandardHelpOptions = true, addMethodSubcommands = false,
    description = "JSONL segment logs: sessions, lineage, replayed state, corrupt lines, export.")
final class Segments {
  @Spec
  private CommandSpec spec;

  /** The export formats. */
  enum Format { JSONL, MARKDOWN }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every session with its segments as a lineage tree, and the keys bound.")
  int list(@Mixin SegmentOptions segments, @Mixin OutputOptions output) throws IOException {
    JsonlSegmentStore store = segments.open();
    Map<SessionId, List<String>> keys = new LinkedHashMap<>();
    for (KeyBinding binding : store.listKeys()) {
      keys.computeIfAbsent(binding.sessionId(), k -> new ArrayList<>()).add(binding.key().value());
    }
    List<Object> sessions = new ArrayList<>();
    boolean problem = false;
    for (SessionId session : store.listSessions()) {
      List<Object> rows = new ArrayList<>();
      output.line("session " + session + keys.getOrDefault(session, List.of()).stream()
          .map(key -> "  key " + Terminal.safe(key)).reduce("", String::concat));
      Map<SegmentId, String> lines = new LinkedHashMap<>();
      Map<SegmentId, List<SegmentId>> children = new LinkedHashMap<>();
      List<SegmentId> roots = new ArrayList<>();
      for (SegmentId segment : store.listSegments(session)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", segment.toString());
        String entries;
        Optional<Derivation> derivation = Optional.empty();
        try {
          long count = store.entryCount(session, segment);
          row.put("entries", count);
          entries = count + (count == 1 ? " entry" : " entries");
          derivation = store.derivation(session, segment);
        } catch (SegmentLogException e) {
          row.put("entries", null);
          entries = "unreadable: " + Terminal.safe(String.valueOf(e.getMessage()));
          problem = true;
        }
        row.put("derived_from", derivation.map(Segments::derivation));
        rows.add(row);
        lines.put(segment, segment + "  " + entries + derivation.map(d -> "  "
            + d.kind().name().toLowerCase(Locale.ROOT) + " of "
            + (d.source().sessionId().equals(session) ? "" : d.source().sessionId() + "/")
            + d.source().segmentId() + " at turn " + d.source().atTurnIndex()).orElse(""));
        Optional<SegmentId> parent = derivation
            .filter(d -> d.source().sessionId().equals(session))
            .map(d -> d.source().segmentId());
        if (parent.isPresent()) {
          children.computeIfAbsent(parent.get(), k -> new ArrayList<>()).add(segment);
        } else {
          roots.add(segment);
        }
      }
      // Children whose parent segment is gone are shown as roots.
      children.forEach((parent, kids) -> {
        if (!lines.containsKey(parent)) {
          roots.addAll(kids);
        }
      });
      for (SegmentId segment : roots) {
        tree(output, segment, lines, children, "  ");
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", session.toString());
      row.put("keys", keys.getOrDefault(session, List.of()));
      row.put("segments", rows);
      sessions.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root", segments.root.toString());
    json.put("sessions", sessions);
    output.json(json);
    return problem ? Exit.PROBLEM : Exit.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "The state a segment replays into: origin, system prompt, history, usage.")
  int show(@Parameters(index = "0", paramLabel = "SESSION") String sessionText,
      @Parameters(index = "1", arity = "0..1", paramLabel = "SEGMENT",
          description = "Default: the session's active leaf.") Optional<String> segmentText,
      @Mixin SegmentOptions segments, @Mixin OutputOptions output) throws IOException {
    JsonlSegmentStore store = segments.open();
    SegmentRef ref = resolve(store, sessionText, segmentText);
    RestoredState state = store.restore(ref.sessionId(), ref.segmentId());
    output.line("segment " + ref.segmentId() + " of session " + ref.sessionId());
    output.line("  entries " + state.entryCount() + ", turns " + state.turnCount()
        + (state.lastRunInterrupted() ? ", last run interrupted" : ""));
    output.line("  origin: " + state.forkedFrom().map(o -> "forked from " + o.segmentId()
        + " at turn " + o.atTurnIndex()).or(() -> state.compactedFrom().map(o -> "compacts "
        + o.segmentId() + " at turn " + o.atTurnIndex())).orElse("a fresh conversation"));
    output.line("  system prompt: " + state.systemPrompt().map(p -> Terminal.cut(p, 120))
        .orElse("(none)"));
    output.line("  history (" + state.history().size() + " items, visible from "
        + state.visibleStart() + "):");
    List<Object> history = new ArrayList<>();
    state.history().forEach(item -> {
      output.line("    " + Terminal.cut(Conversations.describe(item), 120));
      history.add(Conversations.json(item));
    });
    output.line("  llm requests: " + state.usageHistory().size());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("session", ref.sessionId().toString());
    json.put("segment", ref.segmentId().toString());
    json.put("entries", state.entryCount());
    json.put("turns", state.turnCount());
    json.put("last_run_interrupted", state.lastRunInterrupted());
    json.put("forked_from", state.forkedFrom().map(Segments::origin));
    json.put("compacted_from", state.compactedFrom().map(Segments::origin));
    json.put("system_prompt", state.systemPrompt());
    json.put("visible_start", state.visibleStart());
    json.put("history", history);
    json.put("llm_requests", state.usageHistory().size());
    output.json(json);
    return Exit.OK;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Read every line of every segment; report each corrupt line with file, line"
          + " and byte offset.")
  int verify(@Mixin SegmentOptions segments, @Mixin OutputOptions output,
      @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
          description = "List at most N problems (all are counted). Default: ${DEFAULT-VALUE}.")
      int maxProblems) throws IOException {
    if (maxProblems < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--max-problems must be 0 or more, not " + maxProblems);
    }
    JsonlSegmentStore store = segments.open();
    List<Object> problems = new ArrayList<>();
    long[] found = {0};
    int checked = 0;
    List<SessionId> sessions = store.listSessions();
    for (SessionId session : sessions) {
      output.progress("verifying session " + session);
      for (SegmentId segment : store.listSegments(session)) {
        checked++;
        Path file = segments.root.resolve(session.toString()).resolve(segment + ".jsonl");
        try {
          SegmentScan.scan(file, session, problem -> {
            found[0]++;
            if (problems.size() < maxProblems) {
              problems.add(problem(output, file, Optional.of(problem.line()),
                  Optional.of(problem.byteOffset()), problem.reason()));
            }
          });
        } catch (IOException e) {
          found[0]++;
          if (problems.size() < maxProblems) {
            problems.add(problem(output, file, Optional.empty(), Optional.empty(),
                "cannot be read: " + e.getMessage()));
          }
        }
      }
    }
    if (found[0] > problems.size()) {
      output.line((found[0] - problems.size()) + " more not listed (--max-problems "
          + maxProblems + ")");
    }
    output.line(Report.plural(checked, "segment") + " in " + Report.plural(sessions.size(),
        "session") + " checked: " + (found[0] == 0 ? "no problem"
        : Report.plural(found[0], "corrupt line")));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root", segments.root.toString());
    json.put("segments_checked", checked);
    json.put("problems_found", found[0]);
    json.put("problems", problems);
    output.json(json);
    return found[0] == 0 ? Exit.OK : Exit.PROBLEM;
  }

  /** One problem row of {@code verify}, printed as a human line at once. */
  private static Map<String, Object> problem(OutputOptions output, Path file,
      Optional<Long> line, Optional<Long> byteOffset, String reason) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("file", file.toString());
    problem.put("line", line);
    problem.put("byte_offset", byteOffset);
    problem.put("reason", reason);
    output.line(Terminal.safe(file.toString()) + line.map(n -> ":" + n + " (byte "
        + byteOffset.orElse(0L) + ")").orElse("") + ": " + Terminal.safe(reason));
    return problem;
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export a conversation: its JSONL as stored, or its history as Markdown.")
  int export(@Parameters(index = "0", paramLabel = "SESSION") String sessionText,
      @Parameters(index = "1", arity = "0..1", paramLabel = "SEGMENT",
          description = "Default: the session's active leaf.") Optional<String> segmentText,
      @Option(names = "--format", defaultValue = "JSONL", paramLabel = "FORMAT",
          description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.") Format format,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          description = "Write here instead of standard output.") Optional<Path> target,
      @Mixin SegmentOptions segments) throws IOException {
    JsonlSegmentStore store = segments.open();
    SegmentRef ref = resolve(store, sessionText, segmentText);
    byte[] bytes;
    if (format == Format.JSONL) {
      try (InputStream in = store.openJsonl(ref.sessionId(), ref.segmentId())) {
        bytes = in.readAllBytes();
      }
    } else {
      RestoredState state = store.restore(ref.sessionId(), ref.segmentId());
      bytes = Conversations.markdown(ref, state).getBytes(StandardCharsets.UTF_8);
    }
    if (target.isPresent()) {
      Files.write(target.get(), bytes);
    } else {
      // The store validates UTF-8 on every line, so this prints the stored bytes exactly.
      spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    }
    return Exit.OK;
  }

  private static void tree(OutputOptions output, SegmentId segment, Map<SegmentId, String> lines,
      Map<SegmentId, List<SegmentId>> children, String indent) {
    output.line(indent + lines.get(segment));
    for (SegmentId child : children.getOrDefault(segment, List.of())) {
      tree(output, child, lines, children, indent.replace("└ ", "  ") + "└ ");
    }
  }

  private SegmentRef resolve(JsonlSegmentStore store, String sessionText,
      Optional<String> segmentText) {
    SessionId session;
    try {
      session = SessionId.parse(sessionText);
    } catch (InvalidIdException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (segmentText.isPresent()) {
      try {
        return new SegmentRef(session, SegmentId.parse(segmentText.get()));
      } catch (InvalidIdException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
    SegmentLineage lineage = SegmentLineage.over(store, IdGenerator.system(), Clock.systemUTC());
    return lineage.activeLeaf(session).orElseThrow(() ->
        new CheckpointIds.NotFoundException("session " + session + " has no segment in "
            + store.root()));
  }

  private static Map<String, Object> derivation(Derivation derivation) {
    Map<String, Object> row = origin(derivation.source());
    row.put("kind", derivation.kind().name().toLowerCase(Locale.ROOT));
    return row;
  }

  private static Map<String, Object> origin(io.github.agentledger.segment.SegmentOrigin origin) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("session", origin.sessionId().toString());
    row.put("segment", origin.segmentId().toString());
    row.put("at_turn", origin.atTurnIndex());
    return row;
  }
}
