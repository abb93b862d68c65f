package dev.promptcheck.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper of promptcheck. Every JSON promptcheck reads or writes
 * (results, journal, cache, recordings, request keys, model output checks) goes through it, so a
 * setting is changed in one place.
 */
public final class Json {
  /**
   * Unknown properties are ignored when binding: a file written by a newer promptcheck (a field
   * added) still reads.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /** Indented output, for files people read (recordings, diagnostics as JSON, init's files). */
  public static ObjectWriter pretty() {
    return PRETTY;
  }
}
