package io.github.agentledger.cli;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Lets a process that only lists or shows checkpoints start without git's system-wide
 * configuration. JGit finds that file by running the {@code git} executable ({@code git
 * --version}, then {@code git config --system}), two child processes that cost a start-up about
 * as much as listing hundreds of checkpoints; what {@code list} and {@code show} print does not
 * depend on anything a system-wide file can set (it holds remotes' proxies and certificates, hooks,
 * defaults for writing). Every other command keeps the system configuration: {@code sync} needs
 * its network settings, and the repairs of {@code verify --fix} commit as the configured user.
 *
 * <p>The switch is process-wide (JGit's {@link SystemReader} is a global), so only the
 * command's entry point {@link Main} makes it, once, before anything opens a repository.
 */
final class SystemConfigSkip {
  private SystemConfigSkip() {}

  /** {@return whether the command line only lists or shows checkpoints} */
  static boolean applies(String[] args) {
    return args.length >= 2 && args[0].equals("checkpoints")
        && (args[1].equals("list") || args[1].equals("show"));
  }

  /** Makes JGit answer every request for the system configuration with an empty one. */
  static void install() {
    SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
      @Override
      public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
          @Override
          public void load() {
            // No file: the configuration stays empty, as with GIT_CONFIG_NOSYSTEM=1.
          }

          @Override
          public boolean isOutdated() {
            return false;
          }
        };
      }
    });
  }
}
