package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agentledger} command: checkpoints, segments and sync from a shell.
 *
 * <p>Exit statuses, for every command: 0 ok, 1 a problem was found or what was asked for does
 * not exist, 2 usage error, 3 I/O error. Exceptions become statuses here, in one place: a
 * {@link CheckpointStorageException}, {@link SegmentIoException} or {@link IOException} is 3,
 * any other {@link CheckpointException} or {@link SegmentLogException} is 1.
 */
@Command(name = "agentledger", mixinStandardHelpOptions = true,
    versionProvider = AgentLedger.Version.class,
    description = "Inspect, verify, repair and sync agentledger checkpoints and segment logs.")
final class AgentLedger {
  /** The command groups by name, each built only when used. */
  private static final Map<String, Supplier<Object>> GROUPS =
      Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
          "checkpoints", Checkpoints::new,
          "segments", Segments::new,
          "sync", SyncCommand::new,
          "cds-training", CdsTraining::new)));

  private AgentLedger() {}

  /**
   * Runs one command line.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine line = commandLine(args);
    line.setOut(outWriter);
    line.setErr(errWriter);
    try {
      return line.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The command line for these arguments. Lazy: picocli builds the model of every command it is
   * given by reflection, which cost more than the JVM's own start-up; so when the first argument
   * names a command group, only that group is built. Help, completion and anything unknown get
   * every group.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine line = new CommandLine(new AgentLedger());
    String first = args.length == 0 ? "" : args[0];
    boolean all = true;
    for (Map.Entry<String, Supplier<Object>> group : GROUPS.entrySet()) {
      if (group.getKey().equals(first)) {
        line.addSubcommand(group.getKey(), group.getValue().get());
        all = false;
      }
    }
    if (all) {
      GROUPS.forEach((name, command) -> line.addSubcommand(name, command.get()));
      line.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
      Objects.requireNonNull(line.getSubcommands().get("generate-completion"), "just added")
          .getCommandSpec().usageMessage().hidden(true);
    }
    line.setExitCodeExceptionMapper(AgentLedger::exitCode);
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("agentledger: " + Terminal.safe(String.valueOf(e.getMessage())));
      return exitCode(e);
    });
    return line;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return Exit.USAGE;
    }
    if (e instanceof CheckpointStorageException || e instanceof SegmentIoException
        || e instanceof IOException || e instanceof UncheckedIOException
        || e instanceof CheckpointSyncException) {
      return Exit.IO;
    }
    if (e instanceof CheckpointException || e instanceof SegmentLogException
        || e instanceof CheckpointIds.NotFoundException) {
      return Exit.PROBLEM;
    }
    return Exit.IO;
  }

  /** The version from the jar's filtered resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = AgentLedger.class.getResourceAsStream(
          "/agentledger-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"agentledger " + properties.getProperty("version", "unknown")
          + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
