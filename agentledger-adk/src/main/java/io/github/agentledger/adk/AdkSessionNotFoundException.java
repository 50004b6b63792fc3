package io.github.agentledger.adk;

/**
 * An event was appended to an ADK session that does not exist (never created, or deleted); nothing
 * was written. Immutable.
 */
public final class AdkSessionNotFoundException extends AdkSessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id
   */
  public AdkSessionNotFoundException(String appName, String userId, String sessionId) {
    super(appName, userId, sessionId, "does not exist");
  }
}
