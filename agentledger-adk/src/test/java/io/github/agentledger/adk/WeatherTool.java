package io.github.agentledger.adk;

import com.google.adk.tools.Annotations.Schema;
import java.util.Map;

/** The tool the test agent calls; public because ADK invokes it by reflection. */
public final class WeatherTool {
  private WeatherTool() {}

  /**
   * Tells the weather.
   *
   * @param city the city
   * @return the forecast
   */
  public static Map<String, Object> weather(
      @Schema(name = "city", description = "the city") String city) {
    return Map.of("city", city, "forecast", "sunny");
  }
}
