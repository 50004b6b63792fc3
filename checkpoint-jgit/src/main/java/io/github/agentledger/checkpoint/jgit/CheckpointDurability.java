package io.github.agentledger.checkpoint.jgit;

/**
 * What a checkpoint write forces to stable storage before it returns, chosen once per store.
 *
 * <p>Whatever the choice, a process crash loses nothing a write acknowledged: objects are
 * written before the ref moves, and the ref moves by an atomic rename. The choice decides what
 * survives a machine crash or power loss.
 */
public enum CheckpointDurability {
  /**
   * Nothing is forced (git's and JGit's behaviour for loose objects and refs unless configured
   * otherwise): a power loss may lose the most recent checkpoints, or leave a ref whose objects
   * were not yet on disk.
   */
  NONE,

  /**
   * Every loose object a write inserted, and its directory, is forced before the ref moves; the
   * moved ref file (or {@code packed-refs}) and its directory are forced before the write
   * returns. An acknowledged checkpoint survives power loss.
   */
  FSYNC
}
