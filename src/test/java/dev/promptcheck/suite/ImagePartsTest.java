package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.model.ModelRef;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.RequestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image content parts: parsed, checked where they are written, rendered, and keyed by hash. */
class ImagePartsTest {
  @TempDir Path dir;

  // the 8-byte PNG signature and a little more: enough for the type check, never decoded
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};

  @BeforeEach
  void images() throws IOException {
    Files.createDirectories(dir.resolve("img"));
    Files.write(dir.resolve("img/cat.png"), PNG);
    Files.write(dir.resolve("img/dog.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 9, 9});
    Files.writeString(dir.resolve("img/notes.txt"), "hello");
    Files.writeString(dir.resolve("img/fake.png"), "not an image");
  }

  private static ModelRequest request(List<RenderedMessage> messages) {
    return ModelRequest.of(
        new ModelRef("openai", "m"),
        messages,
        new ModelParameters(null, null, null, List.of(), null, null, null));
  }

  @Test
  void aTextOnlyListOfPartsIsTheSameFileAsAPlainString() {
    PromptFile plain =
        Fixtures.load(dir, "name: t\nmessages:\n  - {role: user, content: 'hi {{x}}'}\n").get();
    PromptFile parts =
        Fixtures.load(
                dir,
                "name: t\nmessages:\n  - role: user\n    content:\n      - {type: text, text: 'hi {{x}}'}\n")
            .get();
    assertThat(parts.messages().get(0).images()).isEmpty();
    assertThat(ContentHashes.file(parts)).isEqualTo(ContentHashes.file(plain));
    RenderedMessage m =
        new PromptRenderer(plain, Map.of("x", "a")).render(plain.runTimeCase()).get(0);
    assertThat(m.images()).isEmpty();
    // the key of a text-only request has no images field: keys made before images still match
    assertThat(RequestKey.forRecording(request(List.of(m))).canonical().toString())
        .isEqualTo(
            "{\"provider\":\"openai\",\"model\":\"m\",\"parameters\":{},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi a\"}]}");
  }

  @Test
  void aFileImageIsSentAsBase64AndKeyedByItsHash() {
    PromptFile f =
        Fixtures.load(
                dir,
                """
                name: t
                messages:
                  - role: user
                    content:
                      - {type: text, text: 'What is this?'}
                      - {type: image, file: img/cat.png}
                      - type: image_url
                        image_url: {url: 'https://example.com/a.webp'}
                """)
            .get();
    List<RenderedMessage> rendered = new PromptRenderer(f, Map.of()).render(f.runTimeCase());
    RenderedMessage m = rendered.get(0);
    assertThat(m.content()).isEqualTo("What is this?");
    assertThat(m.images()).hasSize(2);
    assertThat(m.images().get(0).dataUrl())
        .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
    assertThat(m.images().get(1).url()).isEqualTo("https://example.com/a.webp");
    String key = RequestKey.forRecording(request(rendered)).canonical().toString();
    assertThat(key).contains("\"images\":[\"sha256:").contains("https://example.com/a.webp");
    assertThat(key).doesNotContain(Base64.getEncoder().encodeToString(PNG));
  }

  @Test
  void editingAnImagesBytesIsAnEditOfThePromptFile() throws IOException {
    String yaml =
        "name: t\nmessages:\n  - role: user\n    content: [{type: image, file: img/cat.png}]\n";
    String before = ContentHashes.file(Fixtures.load(dir, yaml).get());
    Files.write(dir.resolve("img/cat.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 42});
    String after = ContentHashes.file(Fixtures.load(dir, yaml).get());
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void aTemplatedFileIsFilledPerCaseAndItsBytesChangeTheKey() {
    PromptFile f =
        Fixtures.load(
                dir,
                """
                name: t
                messages:
                  - role: user
                    content:
                      - {type: image, file: 'img/{{pic}}.png'}
                testData:
                  - {pic: cat}
                  - {pic: dog}
                  - {pic: bird}
                """)
            .get();
    PromptRenderer r = new PromptRenderer(f, Map.of());
    RenderedMessage cat = r.render(f.testCases().get(0)).get(0);
    RenderedMessage dog = r.render(f.testCases().get(1)).get(0);
    assertThat(cat.images().get(0).identity()).isNotEqualTo(dog.images().get(0).identity());
    assertThat(RequestKey.forRecording(request(List.of(cat))).hash())
        .isNotEqualTo(RequestKey.forRecording(request(List.of(dog))).hash());
    assertThatThrownBy(() -> r.render(f.testCases().get(2)))
        .isInstanceOf(ImageRenderException.class)
        .hasMessageContaining("case.prompt.yml:5:")
        .hasMessageContaining("image file not found")
        .hasMessageContaining("test case 3: image file not found");
  }

  private String errors(String part) {
    return Fixtures.load(
            dir, "name: t\nmessages:\n  - role: user\n    content:\n      - " + part + "\n")
        .messages();
  }

  @Test
  void badPartsAreLocatedErrors() throws IOException {
    assertThat(errors("{type: audio, file: a.wav}"))
        .contains("case.prompt.yml:5:16")
        .contains("unknown content part type 'audio' (text, image or image_url)");
    assertThat(errors("{type: image, file: img/none.png}"))
        .contains("case.prompt.yml:5:29")
        .contains("image file not found");
    Path outside = dir.getParent().resolve(dir.getFileName() + "-outside.png");
    Files.write(outside, PNG);
    try {
      assertThat(errors("{type: image, file: ../" + outside.getFileName() + "}"))
          .contains("case.prompt.yml:5:29")
          .contains("leaves the suite root");
    } finally {
      Files.delete(outside);
    }
    assertThat(errors("{type: image, file: img/notes.txt}"))
        .contains("case.prompt.yml:5:29")
        .contains("is not a .png, .jpg/.jpeg, .gif or .webp file");
    assertThat(errors("{type: image, file: img/fake.png}"))
        .contains("is not a PNG, JPEG, GIF or WebP image");
    assertThat(errors("{type: image, url: 'http://example.com/a.png'}"))
        .contains("is not an https:// URL");
    assertThat(errors("{type: image}")).contains("needs one of 'file'");
  }

  @Test
  void onlyUserMessagesHoldImages() {
    assertThat(
            Fixtures.load(
                    dir,
                    "name: t\nmessages:\n  - role: system\n    content:\n"
                        + "      - {type: image, file: img/cat.png}\n")
                .messages())
        .contains("case.prompt.yml:5:29")
        .contains("only user messages may hold images");
  }
}
