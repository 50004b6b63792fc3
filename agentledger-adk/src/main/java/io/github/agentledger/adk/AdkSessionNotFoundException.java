package io.github.agentledger.adk;

import io.github.agentledger.segment.SegmentLogException;

/**
 * An event was appended to an ADK session that does not exist (never created, or deleted); nothing
 * was written.
 * Immutable.
 */
public final class AdkSessionNotFoundException extends SegmentLogException {
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
   * @param sessionId the session id
   */
  public AdkSessionNotFoundException(String appName, String userId, String sessionId) {
    super(
        "ADK session " + sessionId + " of user " + userId + " of app " + appName
            + " does not exist",
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

  /** {@return the session id} */
  public String sessionId() {
    return sessionId;
  }
}
