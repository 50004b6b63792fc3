package io.github.agentledger.segment;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validation shared by the id types: canonical text form and UUID version 7. */
final class Uuids {
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Uuids() {}

  static UUID requireVersion7(String idType, UUID value) {
    Objects.requireNonNull(value, idType);
    if (value.version() != 7 || value.variant() != 2) {
      throw new InvalidIdException(
          idType,
          value.toString(),
          "not a UUID version 7 (version "
              + value.version()
              + ", variant "
              + value.variant()
              + ")");
    }
    return value;
  }

  static UUID parse(String idType, String text) {
    Objects.requireNonNull(text, idType);
    if (!CANONICAL.matcher(text).matches()) {
      throw new InvalidIdException(
          idType, text, "not a canonical lowercase UUID (xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx)");
    }
    return requireVersion7(idType, UUID.fromString(text));
  }
}
