package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's tools are part of what its cases mean: editing a tool's schema or the choice changes the
 * file's content hash (the history then names the prompt, not the model, as the cause), moving the
 * tools within the file does not, and a file without tools hashes as it did before tools existed.
 */
class ToolsContentHashTest {
  @TempDir Path dir;

  private static final String HEAD =
      "name: t\nmessages: [{role: user, content: hi}]\ntestData: [{x: 1}]\n";

  private String hash(String yaml) {
    return ContentHashes.file(Fixtures.load(dir, yaml).get());
  }

  @Test
  void toolsAndTheChoiceChangeTheHashTheirPlaceDoesNot() {
    String tools =
        "tools: [{name: f, parameters: {type: object, properties: {q: {type: string}}}}]\n";
    String with = hash(HEAD + tools);
    assertThat(with).isNotEqualTo(hash(HEAD));
    assertThat(hash(tools + HEAD)).isEqualTo(with);
    assertThat(hash(HEAD + tools.replace("string", "integer"))).isNotEqualTo(with);
    assertThat(hash(HEAD + tools + "toolChoice: required\n")).isNotEqualTo(with);
  }

  @Test
  void aFileWithoutToolsHashesAsBefore() {
    // the value main computed for this file before tools existed
    assertThat(hash(HEAD)).isEqualTo(BEFORE);
  }

  static final String BEFORE = "3003becf3c932893";
}
