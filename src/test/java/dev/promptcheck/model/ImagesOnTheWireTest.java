package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedImage;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Image parts as an OpenAI-compatible server receives them (LangChain4j's UserMessage of
 * TextContent and ImageContent): a file as a data URL in an image_url part, a URL as itself.
 */
class ImagesOnTheWireTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private JsonNode send(String provider, RenderedMessage message) throws Exception {
    server.enqueue(FakeOpenAi.ok("a cat"));
    String base = server.url("/v1").toString().replaceAll("/$", "");
    ModelRef ref = new ModelRef(provider, "m");
    ModelConfig config = new ModelConfig(provider + ":m", ref, base, null, null, null, null, null);
    Providers.create(config, Duration.ofSeconds(5), Map.of())
        .complete(
            ModelRequest.of(
                ref,
                List.of(message),
                new ModelParameters(null, null, null, List.of(), null, null, null)));
    return new ObjectMapper().readTree(server.takeRequest().getBody().utf8());
  }

  @Test
  void aFileImageGoesAsADataUrlAfterTheText() throws Exception {
    for (String provider : List.of("openai", "github")) {
      JsonNode content =
          send(
                  provider,
                  new RenderedMessage(
                      Role.USER,
                      "What is this?",
                      List.of(
                          new RenderedImage("image/png", "iVBORw0KGgo=", null, "sha256:ab"),
                          RenderedImage.ofUrl("https://example.com/a.webp"))))
              .path("messages")
              .path(0)
              .path("content");
      assertThat(content.path(0).path("type").asText()).as(provider).isEqualTo("text");
      assertThat(content.path(0).path("text").asText()).isEqualTo("What is this?");
      assertThat(content.path(1).path("type").asText()).isEqualTo("image_url");
      assertThat(content.path(1).path("image_url").path("url").asText())
          .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
      assertThat(content.path(2).path("image_url").path("url").asText())
          .isEqualTo("https://example.com/a.webp");
    }
  }

  @Test
  void aTextOnlyMessageIsStillAPlainString() throws Exception {
    JsonNode content =
        send("openai", new RenderedMessage(Role.USER, "hi"))
            .path("messages")
            .path(0)
            .path("content");
    assertThat(content.isTextual()).isTrue();
    assertThat(content.asText()).isEqualTo("hi");
  }

  @Test
  void onlyOpenAiCompatibleProvidersTakeImages() {
    assertThat(Providers.ALL.stream().filter(Provider::takesImages).map(Provider::id))
        .containsExactly("openai", "github");
  }
}
