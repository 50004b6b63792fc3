package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.jgit.internal.Fsync;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * How a baseline writer stores its objects: the options for the checkpoint stores' inserter that
 * issue 19 measured. Baseline only.
 */
enum FloorInserter {
  /** JGit's own loose-object inserter at the repository's {@code core.compression} (6). */
  JGIT_DEFAULT {
    @Override
    ObjectInserter open(Repository repository) {
      return repository.newObjectInserter();
    }
  },

  /**
   * JGit's own loose-object inserter at zlib level 1, on a second {@link Repository} opened on
   * the same directory whose configuration has {@code core.compression = 1} in memory only (the
   * file on disk is never written).
   */
  JGIT_LEVEL_1 {
    @Override
    ObjectInserter open(Repository repository) {
      return repository.newObjectInserter();
    }

    @Override
    Repository view(Repository repository) {
      try {
        Repository level1 = new FileRepositoryBuilder().setGitDir(repository.getDirectory())
            .build();
        level1.getConfig().setInt(ConfigConstants.CONFIG_CORE_SECTION, null,
            ConfigConstants.CONFIG_KEY_COMPRESSION, 1);
        return level1;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },

  /**
   * The checkpoint stores' own inserter: loose objects at git's loose-object level (1 here),
   * the repository's configuration read, never written.
   */
  STORE_LOOSE {
    @Override
    ObjectInserter open(Repository repository) {
      return Fsync.none().inserter(repository);
    }
  },

  /** One small pack (and its index) per write, deflated at level 1, by JGit's PackInserter. */
  PACK_PER_WRITE_LEVEL_1 {
    @Override
    ObjectInserter open(Repository repository) {
      PackInserter inserter = ((FileRepository) repository).getObjectDatabase()
          .newPackInserter();
      inserter.setCompressionLevel(1);
      inserter.checkExisting(true);
      return inserter;
    }
  };

  /** Opens the inserter for one write on a repository returned by {@link #view}. */
  abstract ObjectInserter open(Repository repository);

  /**
   * The repository object the writer uses: {@code repository} itself, or for
   * {@link #JGIT_LEVEL_1} a second one on the same directory (the caller closes it).
   */
  Repository view(Repository repository) {
    return repository;
  }
}
