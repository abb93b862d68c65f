package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt file with an image part, run end to end: sent as a data URL, or refused before. */
class ImagesRunTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 7};
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  final List<String> asked = new CopyOnWriteArrayList<>();
  CliProcess cli;

  @BeforeEach
  void suite() throws Exception {
    Fixtures.write(
        dir,
        "prompts/look.prompt.yml",
        """
        name: look
        model: openai:gpt-test
        messages:
          - role: user
            content:
              - {type: text, text: 'What animal is {{name}}?'}
              - {type: image, file: 'images/{{name}}.png'}
        evaluators:
          - name: cat
            string: {contains: cat}
        testData:
          - {name: tom}
        """);
    Files.createDirectories(dir.resolve("prompts/images"));
    Files.write(dir.resolve("prompts/images/tom.png"), PNG);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            asked.add(request.getBody().utf8());
            return FakeOpenAi.ok("a cat");
          }
        });
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  @Test
  void theImageReachesTheWireAsADataUrl() {
    Cli.Result r = cli.run("run", "prompts", "--cache", "off");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0))
        .contains("What animal is tom?")
        .contains("\"image_url\"")
        .contains("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
  }

  @Test
  void aProviderThatCannotTakeImagesIsRefusedBeforeAnyCall() {
    Cli.Result r = cli.run("run", "prompts", "--model", "ollama:llava", "--cache", "off");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("prompts/look.prompt.yml:7:")
        .contains("sends an image, and ollama:llava")
        .contains("cannot take images");
    assertThat(asked).isEmpty();
  }
}
