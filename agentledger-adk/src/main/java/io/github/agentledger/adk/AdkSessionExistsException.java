package io.github.agentledger.adk;

import io.github.agentledger.segment.SegmentLogException;

/**
 * {@code createSession} was given the id of a session that exists already; nothing was written.
 * Immutable.
 */
public final class AdkSessionExistsException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The app. */
  private final String appName;

  /** The user. */
  private final String userId;

  /** The session id. */
  private final String sessionId;

  /**
   * Creates the exception.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id that is taken
   */
  public AdkSessionExistsException(String appName, String userId, String sessionId) {
    super(
        "ADK session " + sessionId + " of user " + userId + " of app " + appName
            + " exists already",
        null);
    this.appName = appName;
    this.userId = userId;
    this.sessionId = sessionId;
  }

  /** {@return the app} */
  public String appName() {
    return appName;
  }

  /** {@return the user} */
  public String userId() {
    return userId;
  }

  /** {@return the session id that is taken} */
  public String sessionId() {
    return sessionId;
  }
}
