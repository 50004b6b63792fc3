/**
 * What the checkpoint stores and push/fetch share: ref names, the compare-and-swap primitive
 * and the one translation of JGit's update results into checkpoint exceptions, commits, blobs,
 * tree surgery and paths, the Entire JSON codecs (Go-compatible encoder, strict decoder,
 * summary, session and generation JSON), transcript chunks and names, prompts, content hashes
 * and repository checks.
 *
 * <p>Internal, may change without notice: the module does not export this package. Its types are
 * public only so that {@code io.github.agentledger.checkpoint.jgit} and
 * {@code io.github.agentledger.checkpoint.jgit.sync} can share them; nothing here may depend on
 * the stores, the entry type or push/fetch.
 */
@NullMarked
package io.github.agentledger.checkpoint.jgit.internal;

import org.jspecify.annotations.NullMarked;
