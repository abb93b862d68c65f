package dev.promptcheck.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One call of a tool the model answered with: the tool's name and its arguments as the JSON text
 * the model wrote (kept as written, so a call whose arguments are not even JSON is shown and judged
 * as it came). {@code id} is the provider's id for the call, null when it gave none.
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    name = name == null ? "" : name;
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }

  public ToolCall(String name, String arguments) {
    this(null, name, arguments);
  }

  /** {@code get_weather({"city":"Oslo"})}: how reports and reasons show a call. */
  @Override
  public String toString() {
    return name + "(" + arguments + ")";
  }

  /** The calls as reasons name them: {@code get_weather({"city":"Oslo"}), get_time({})}. */
  public static String describe(List<ToolCall> calls) {
    return calls.stream().map(ToolCall::toString).collect(Collectors.joining(", "));
  }
}
