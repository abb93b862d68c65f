package dev.promptcheck.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a prompt file and each of its cases mean, as short hashes: equal when what is sent and
 * checked is equal, different after an edit that could change a verdict. The run history compares
 * them across nights to tell an edit of the prompt from a change of the model. They hash the
 * normalised file (model, parameters, response format, schema, message templates, file-level
 * evaluators, and for a case its variables and own evaluators), not its bytes: a comment, a
 * reordered key or a moved row changes no hash, and an edited testData file changes the cases it
 * touches.
 */
public final class ContentHashes {
  private ContentHashes() {}

  /** The hash of the whole file: its prompt and every case. */
  public static String file(PromptFile file) {
    StringBuilder sb = new StringBuilder(promptText(file));
    for (TestCase c : file.testCases()) {
      sb.append('\u0002').append(CaseIds.content(c));
    }
    return hash(sb.toString());
  }

  /** The hash of one case as sent and checked: the file's prompt with the case's own content. */
  public static String testCase(PromptFile file, TestCase c) {
    return hash(promptText(file) + '\u0002' + CaseIds.content(c));
  }

  /**
   * The hash of what every case of the file shares (model, parameters, messages, file-level
   * evaluators): a resumed run tells an edit of the prompt from an edit of one row by it.
   */
  public static String prompt(PromptFile file) {
    return hash(promptText(file));
  }

  /** The hash of a case's own content (its variables and checks), without the file's prompt. */
  public static String caseOnly(TestCase c) {
    return hash(CaseIds.content(c));
  }

  /** Everything of the file that every case shares. */
  private static String promptText(PromptFile f) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.model()).append('\u0000');
    sb.append(f.parameters()).append('\u0000');
    sb.append(f.responseFormat()).append('\u0000');
    sb.append(f.jsonSchema()).append('\u0000');
    for (Message m : f.messages()) {
      sb.append(m.role().id()).append(':').append(m.content()).append('\u0000');
      for (ImagePart image : m.images()) {
        // only a message with images adds to the hash: text-only files keep their hashes
        sb.append("\u0002image:").append(image.reference()).append(':');
        sb.append(image.identity()).append('\u0000');
      }
    }
    if (!f.tools().isEmpty() || f.tools().choice() != null) {
      // only for a file with tools: the hashes of every other file are what they were
      for (Tool t : f.tools().definitions()) {
        sb.append("\u0003tool:").append(t.name()).append('\u0000').append(t.description());
        sb.append('\u0000').append(t.parameters()).append('\u0000');
      }
      sb.append("\u0003toolChoice:").append(f.tools().choice()).append('\u0000');
    }
    for (EvaluatorSpec e : f.evaluators()) {
      // without source positions, as case ids: moving a check within the file is not an edit
      sb.append('\u0001').append(e.toString().replace(String.valueOf(e.where()), ""));
    }
    return sb.toString();
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
