package org.vaelab.api.config;

/** A mistake in user input: the message is one line that names the place, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  /** The same error with a location (file, path) put in front. */
  public ConfigException at(String where) {
    return new ConfigException(where + ": " + getMessage());
  }
}
