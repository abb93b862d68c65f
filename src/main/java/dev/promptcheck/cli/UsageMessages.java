package dev.promptcheck.cli;

import dev.promptcheck.support.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a command-line mistake is called on stderr: the flag or command, the bad value, and the
 * nearest valid spelling. picocli's own texts ("Unknown option", "Invalid value for option
 * '--concurrency': ...") are replaced where they would not name what was typed.
 */
final class UsageMessages {
  private UsageMessages() {}

  static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String given = u.getUnmatched().get(0);
      CommandSpec spec = u.getCommandLine().getCommandSpec();
      if (u.isUnknownOption()) {
        return "unknown option '" + given + "' for " + qualifiedName(spec);
      }
      if (!spec.subcommands().isEmpty()) {
        return "unknown command '" + given + "'";
      }
      return "unexpected argument '" + given + "' for " + qualifiedName(spec);
    }
    ArgSpec arg = e.getArgSpec();
    if (e.getCause() instanceof TypeConversionException conversion && arg != null) {
      // picocli says "Invalid value for option '--x' (LABEL): <converter's message>"
      return label(arg) + ": " + conversion.getMessage();
    }
    return e.getMessage();
  }

  /** "did you mean '--model'?" for a misspelt option or command, when one is near. */
  static Optional<String> suggestion(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String given = u.getUnmatched().get(0);
    CommandSpec spec = u.getCommandLine().getCommandSpec();
    List<String> known = new ArrayList<>();
    if (u.isUnknownOption()) {
      String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
      spec.options().stream()
          .filter(o -> !o.hidden())
          .forEach(o -> known.addAll(List.of(o.names())));
      Optional<String> near = Suggestions.didYouMean(name, known);
      if (near.isPresent()) {
        return near;
      }
      // an abbreviation (--conc: --concurrency), else picocli's guess: options with the same two
      // first letters
      List<String> sameStart =
          known.stream().filter(k -> k.startsWith(name) && name.length() > 3).toList();
      if (sameStart.isEmpty()) {
        sameStart = u.getSuggestions();
      }
      return sameStart.isEmpty()
          ? Optional.empty()
          : Optional.of(
              "did you mean "
                  + sameStart.stream().map(s -> "'" + s + "'").collect(Collectors.joining(" or "))
                  + "?");
    }
    known.addAll(spec.subcommands().keySet());
    return Suggestions.didYouMean(given, known);
  }

  private static String label(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      return o.longestName();
    }
    return arg.paramLabel();
  }

  private static String qualifiedName(CommandSpec spec) {
    return "'" + spec.qualifiedName() + "'";
  }
}
