package io.github.agentledger.examples.inspect;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.segment.SegmentLogException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * The inspection command: opens any git repository (one written by the Entire CLI, or by this
 * library) and shows its checkpoints, read-only; or prints the restored state of a segment log.
 *
 * <pre>
 * inspect &lt;repo&gt; [list]           every checkpoint, newest first, per layout (git-refs,
 *                                v2, v1), and the git-refs refs not read, with the reason
 * inspect &lt;repo&gt; show &lt;id&gt;        one checkpoint (a hex id or a ULID): summary, where
 *                                it lives and why; every session slot by its real number with
 *                                steps, tokens, context.md, prompts and transcript head (or
 *                                "not available locally"); the code commits that link to it
 * inspect &lt;repo&gt; generations      the v2 raw-transcript generations
 * inspect segment &lt;file.jsonl&gt;     the state a segment log replays into
 * </pre>
 *
 * <p>Nothing is written: the repository's refs, objects and configuration and the segment file
 * are left exactly as they were. Not thread-safe: one run at a time.
 */
public final class Inspect {
  static final String USAGE = String.join(System.lineSeparator(),
      "usage: inspect <repo> [list]        list checkpoints (git-refs, v2, v1), newest first",
      "       inspect <repo> show <id>     one checkpoint (hex id or ULID): summary, where it"
          + " lives, sessions, prompts, transcript",
      "       inspect <repo> generations   v2 raw-transcript generations",
      "       inspect segment <file.jsonl> the restored state of a segment log");

  private Inspect() {}

  /**
   * Runs the command and exits with its status when it is not 0.
   *
   * @param args the arguments after {@code inspect}
   */
  public static void main(String[] args) {
    int status = run(List.of(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command, printing to the given streams.
   *
   * @param args the arguments after {@code inspect}
   * @param out where the report goes
   * @param err where errors and usage go
   * @return the exit status: 0 success, 1 not found or unreadable, 2 usage error
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    if (args.get(0).equals("segment")) {
      if (args.size() != 2) {
        err.println(USAGE);
        return 2;
      }
      return SegmentReport.print(Path.of(args.get(1)), out, err);
    }
    Path repo = Path.of(args.get(0));
    List<String> rest = args.subList(1, args.size());
    String sub = rest.isEmpty() ? "list" : rest.get(0);
    if (!List.of("list", "show", "generations").contains(sub)) {
      err.println("inspect: unknown subcommand '" + sub + "'");
      err.println(USAGE);
      return 2;
    }
    if (rest.size() > (sub.equals("show") ? 2 : 1) || (sub.equals("show") && rest.size() != 2)) {
      err.println(USAGE);
      return 2;
    }
    if (!Files.isDirectory(repo)) {
      err.println("inspect: " + repo + " is not a directory");
      return 1;
    }
    try (Git git = Git.open(repo.toFile())) {
      CheckpointReport report = new CheckpointReport(git.getRepository(), out);
      switch (sub) {
        case "list":
          report.list();
          return 0;
        case "show":
          if (!CheckpointId.isValid(rest.get(1))) {
            err.println("inspect: '" + rest.get(1) + "' is not a checkpoint id (12 lowercase hex"
                + " digits or a 26-character ULID)");
            return 2;
          }
          return report.show(CheckpointId.parse(rest.get(1)), err);
        default:
          report.generations();
          return 0;
      }
    } catch (RepositoryNotFoundException e) {
      err.println("inspect: no git repository at " + repo);
      return 1;
    } catch (IOException | CheckpointException | SegmentLogException e) {
      err.println("inspect: cannot read " + repo + ": " + e.getMessage());
      return 1;
    }
  }
}
