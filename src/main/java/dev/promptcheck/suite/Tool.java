package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One function the model may call, as a prompt file's {@code tools:} declares it in the shape of
 * OpenAI's chat API ({@code {type: function, function: {name, description, parameters}}}): its
 * name, what it does, and its arguments as a JSON Schema of type object (sent to the provider, and
 * what the tool-call evaluators validate a call's arguments against).
 */
public record Tool(String name, String description, ObjectNode parameters, SourceRef where) {
  public Tool {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a tool needs a name");
    }
    description = description == null ? "" : description;
    // a tree is mutable: the file's copy is its own, whatever the caller does with the one it gave
    parameters = Objects.requireNonNull(parameters, "parameters").deepCopy();
  }
}
