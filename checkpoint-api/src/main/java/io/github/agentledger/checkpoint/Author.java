package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * The identity recorded as author and committer of a checkpoint commit.
 *
 * <p>Immutable and thread-safe. Both parts may be empty: the Entire CLI writes an empty identity
 * when a caller passes none, and readers return what is stored.
 *
 * @param name the person's name
 * @param email the person's email address
 */
public record Author(String name, String email) {

  /**
   * Rejects nulls.
   *
   * @param name the person's name
   * @param email the person's email address
   */
  public Author {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /**
   * Creates an author.
   *
   * @param name the name
   * @param email the email address
   * @return the author
   */
  public static Author of(String name, String email) {
    return new Author(name, email);
  }
}
