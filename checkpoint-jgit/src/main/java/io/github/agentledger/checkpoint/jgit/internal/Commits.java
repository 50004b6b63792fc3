package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.Author;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * Creates checkpoint commits: author and committer are the same identity, timed by the store's
 * clock in the clock's zone; one parent or none (spec §2.3). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class Commits {
  public static final Author FALLBACK_AUTHOR = Author.of("Unknown", "unknown@local");

  private Commits() {}

  public static ObjectId create(ObjectInserter inserter, ObjectId tree, Optional<ObjectId> parent,
      Author author, Clock clock, String message) throws IOException {
    PersonIdent ident =
        new PersonIdent(author.name(), author.email(), clock.instant(), clock.getZone());
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    parent.ifPresent(commit::setParentId);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage(message);
    return inserter.insert(commit);
  }

  /**
   * The identity git would use: {@code user.name} and {@code user.email} from the repository's
   * configuration (local over global over system), {@code Unknown <unknown@local>} for what is
   * missing. Environment variables are not consulted, so the result does not depend on the
   * process.
   */
  public static Author configuredAuthor(Repository repository) {
    Config config = repository.getConfig();
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    return Author.of(
        name == null || name.isEmpty() ? FALLBACK_AUTHOR.name() : name,
        email == null || email.isEmpty() ? FALLBACK_AUTHOR.email() : email);
  }
}
