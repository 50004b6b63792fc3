package io.github.agentledger.adk;

/**
 * {@code createSession} was given the id of a session that exists already; nothing was written.
 * Immutable.
 */
public final class AdkSessionExistsException extends AdkSessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id that is taken
   */
  public AdkSessionExistsException(String appName, String userId, String sessionId) {
    super(appName, userId, sessionId, "exists already");
  }
}
