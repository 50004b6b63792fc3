package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.UnsupportedRepositoryException;
import java.util.Locale;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * Refuses, at open, repositories that the store cannot write correctly. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class RepositoryChecks {
  private RepositoryChecks() {}

  public static void requireSupported(Repository repository) {
    Config config = repository.getConfig();
    String format = config.getString("extensions", null, "objectformat");
    if (format != null && !format.toLowerCase(Locale.ROOT).equals("sha1")) {
      throw new UnsupportedRepositoryException("repository " + describe(repository)
          + " uses object format \"" + format + "\" (extensions.objectFormat); JGit reads and"
          + " writes only SHA-1 repositories, so checkpoints cannot be stored there");
    }
    long version = config.getLong("core", null, "repositoryformatversion", 0);
    if (version > 1) {
      throw new UnsupportedRepositoryException("repository " + describe(repository)
          + " has core.repositoryFormatVersion " + version + "; supported versions are 0 and 1");
    }
  }

  private static String describe(Repository repository) {
    return repository.getDirectory() != null
        ? repository.getDirectory().toPath().toString() : repository.toString();
  }
}
