package dev.promptcheck.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One masking step: raw and escaped forms, short secrets, secret-looking --var values. */
class SecretsTest {
  @Test
  void secretsOfFourCharactersOrMoreAreFoundRawAndInEveryEscapedForm() {
    List<String> values =
        Secrets.fromEnvironment(
            Map.of(
                "MY_API_KEY", "k\"\\<&9x",
                "DB_PASSWORD", "hunter",
                "SHORT_TOKEN", "abc",
                "FEATURE_KEY", "true",
                "HOME", "/root/secretless"));
    assertThat(values).containsExactlyInAnyOrder("k\"\\<&9x", "hunter");
    List<String> forms = Secrets.formsOf(values);
    assertThat(forms)
        .contains(
            "k\"\\<&9x",
            "k\\\"\\\\<&9x", // JSON
            "k\\\"\\\\\\u003c\\u00269x", // JSON inside the HTML report's script
            "k&quot;\\&lt;&amp;9x", // HTML and XML attributes
            "k\"\\&lt;&amp;9x", // XML text
            "k%22%5C%3C%269x", // URL
            "hunter");
  }

  @Test
  void registeredValuesAreMaskedInTextAndOnAWriterEvenWhenSplitAcrossWrites() throws Exception {
    Secrets.register("tok-Zq9-registered");
    assertThat(Secrets.scrub("Bearer tok-Zq9-registered and \"tok-Zq9-registered\""))
        .isEqualTo("Bearer *** and \"***\"");
    StringWriter sink = new StringWriter();
    try (MaskingWriter w = new MaskingWriter(sink)) {
      w.write("key: tok-Zq9");
      w.write("-registered\nnext line\n");
    }
    assertThat(sink.toString()).isEqualTo("key: ***\nnext line\n");
    assertThat(Secrets.isSecretName("api_token")).isTrue();
    assertThat(Secrets.isSecretName("question")).isFalse();
  }
}
