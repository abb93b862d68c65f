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
    Secrets secrets =
        Secrets.of(
            Map.of(
                "MY_API_KEY", "k\"\\<&9x",
                "DB_PASSWORD", "hunter",
                "SHORT_TOKEN", "abc",
                "FEATURE_KEY", "true",
                "HOME", "/root/secretless"));
    assertThat(secrets.values()).containsExactlyInAnyOrder("k\"\\<&9x", "hunter");
    List<String> forms = Secrets.formsOf(secrets.values());
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
    Secrets secrets = Secrets.of(Map.of());
    secrets.add("tok-Zq9-registered");
    assertThat(secrets.scrub("Bearer tok-Zq9-registered and \"tok-Zq9-registered\""))
        .isEqualTo("Bearer *** and \"***\"");
    StringWriter sink = new StringWriter();
    try (MaskingWriter w = new MaskingWriter(sink, secrets)) {
      w.write("key: tok-Zq9");
      w.write("-registered\nnext line\n");
    }
    assertThat(sink.toString()).isEqualTo("key: ***\nnext line\n");
    assertThat(Secrets.isSecretName("api_token")).isTrue();
    assertThat(Secrets.isSecretName("question")).isFalse();
  }

  @Test
  void twoRunsInOneJvmEachMaskTheirOwnSecretsAndNoOneElses() {
    Secrets first = Secrets.of(Map.of("FIRST_API_KEY", "key-of-the-first-run"));
    Secrets second = Secrets.of(Map.of("SECOND_API_KEY", "key-of-the-second-run"));
    second.add("pass-from-a-base-url");
    String both = "key-of-the-first-run key-of-the-second-run pass-from-a-base-url";
    assertThat(first.scrub(both)).isEqualTo("*** key-of-the-second-run pass-from-a-base-url");
    assertThat(second.scrub(both)).isEqualTo("key-of-the-first-run *** ***");
  }
}
