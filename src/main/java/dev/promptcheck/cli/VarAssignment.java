package dev.promptcheck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --var name=value}. Its own type (not picocli's map option) so that a value without
 * {@code =} is refused with a message that shows the value.
 */
record VarAssignment(String name, String value) {

  static Map<String, String> toMap(List<VarAssignment> assignments) {
    Map<String, String> vars = new LinkedHashMap<>();
    assignments.forEach(a -> vars.put(a.name(), a.value()));
    return vars;
  }

  static final class Converter implements ITypeConverter<VarAssignment> {
    @Override
    public VarAssignment convert(String text) {
      int eq = text.indexOf('=');
      if (eq < 1) {
        throw new TypeConversionException(
            "'" + text + "' is not name=value (e.g. --var input=hello)");
      }
      return new VarAssignment(text.substring(0, eq), text.substring(eq + 1));
    }
  }
}
