package dev.promptcheck.suite;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds UTF-8 text that was decoded as cp1252, cp1254 or latin-1 ("â±ï¸", "ğŸ’»", "Ã©") and works
 * out what it was.
 *
 * <p>A damaged run is a stretch of non-ASCII characters that, encoded back in one of those code
 * pages, forms UTF-8. When the damage went through cp1252, the five bytes it cannot represent
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) were dropped; they are inferred by trying each where the UTF-8
 * structure lacks a continuation byte. Because a guess can produce plausible-looking letters, an
 * inferred repair is kept only when the result is emoji (the usual victim in prompt files); the
 * repair is applied only when exactly one candidate remains.
 */
public final class Mojibake {
  private static final List<Charset> CODE_PAGES =
      List.of(
          Charset.forName("windows-1252"),
          Charset.forName("windows-1254"),
          StandardCharsets.ISO_8859_1);
  private static final byte[] DROPPED = {
    (byte) 0x81, (byte) 0x8D, (byte) 0x8F, (byte) 0x90, (byte) 0x9D
  };
  private static final int MAX_RUN_BYTES = 48;
  private static final int MAX_CANDIDATES = 64;

  private Mojibake() {}

  /** One damaged stretch of a text, with every repair that fits. */
  public record Damage(
      int start, int end, String damaged, List<String> candidates, String codePage) {
    /** How many bytes the damage lost and the repair had to guess (0 when the repair is exact). */
    public int inferredBytes() {
      int had = damaged.length();
      return candidates.stream()
          .mapToInt(c -> c.getBytes(StandardCharsets.UTF_8).length - had)
          .max()
          .orElse(0);
    }

    public boolean repairable() {
      return candidates.size() == 1;
    }

    public String repair() {
      return candidates.get(0);
    }
  }

  public static List<Damage> find(String text) {
    List<Damage> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) < 0x80) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && text.charAt(i) >= 0x80) {
        i++;
      }
      scanRun(text, start, i, out);
    }
    return out;
  }

  /** Repairs every damage with a single candidate; the others stay as they are. */
  public static String repair(String text) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (Damage d : find(text)) {
      if (d.repairable()) {
        out.append(text, last, d.start()).append(d.repair());
        last = d.end();
      }
    }
    return out.append(text.substring(last)).toString();
  }

  /**
   * A run of non-ASCII characters may hold legitimate characters around the damage; try every
   * sub-run that starts at a character which encodes to a UTF-8 lead byte.
   */
  private static void scanRun(String text, int runStart, int runEnd, List<Damage> out) {
    int i = runStart;
    while (i < runEnd) {
      Damage best = null;
      for (Charset cp : CODE_PAGES) {
        Damage d = damageAt(text, i, runEnd, cp);
        if (d != null && (best == null || d.end() > best.end())) {
          best = d;
        } else if (d != null && best != null && d.end() == best.end()) {
          Set<String> merged = new LinkedHashSet<>(best.candidates());
          merged.addAll(d.candidates());
          String pages =
              best.codePage().contains(d.codePage())
                  ? best.codePage()
                  : best.codePage() + "/" + d.codePage();
          best = new Damage(best.start(), best.end(), best.damaged(), List.copyOf(merged), pages);
        }
      }
      if (best != null) {
        out.add(best);
        i = best.end();
      } else {
        i += Character.charCount(text.codePointAt(i));
      }
    }
  }

  /** The longest damaged stretch starting at {@code start} under one code page, or null. */
  private static Damage damageAt(String text, int start, int runEnd, Charset codePage) {
    CharsetEncoder encoder = codePage.newEncoder();
    byte[] bytes = new byte[MAX_RUN_BYTES];
    int n = 0;
    int end = start;
    while (end < runEnd && n < MAX_RUN_BYTES) {
      char c = text.charAt(end);
      if (Character.isSurrogate(c) || !encoder.canEncode(c)) {
        break;
      }
      bytes[n++] = encodeOne(encoder, c);
      end++;
    }
    if (n == 0 || !isLead(bytes[0])) {
      return null;
    }
    // shrink from the right until the bytes can be UTF-8 (possibly with dropped bytes restored)
    for (int len = n; len >= 1; len--) {
      Set<String> candidates = new LinkedHashSet<>();
      expand(bytes, 0, len, new byte[len * 2], 0, false, candidates);
      if (!candidates.isEmpty()) {
        return new Damage(
            start,
            start + len,
            text.substring(start, start + len),
            List.copyOf(candidates),
            pageName(codePage));
      }
    }
    return null;
  }

  private static String pageName(Charset c) {
    return c.name().equals("ISO-8859-1") ? "latin-1" : c.name().replace("windows-", "cp");
  }

  private static byte encodeOne(CharsetEncoder encoder, char c) {
    try {
      return encoder.encode(CharBuffer.wrap(new char[] {c})).get();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Walks {@code in[pos..len)} as UTF-8, copying to {@code out}; where a sequence lacks
   * continuation bytes, tries each dropped byte in each missing slot.
   */
  private static void expand(
      byte[] in, int pos, int len, byte[] out, int outLen, boolean inferred, Set<String> results) {
    if (results.size() >= MAX_CANDIDATES) {
      return;
    }
    if (pos == len) {
      accept(out, outLen, inferred, results);
      return;
    }
    int lead = in[pos] & 0xFF;
    int need =
        lead >= 0xF0 && lead <= 0xF4
            ? 3
            : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xC2 && lead <= 0xDF ? 1 : -1;
    if (need < 0) {
      return;
    }
    int available = 0;
    while (available < need
        && pos + 1 + available < len
        && isContinuation(in[pos + 1 + available])) {
      available++;
    }
    if (available == 0) {
      return; // a lead byte with only guessed continuations is too weak to call damage ("pâte")
    }
    out[outLen] = in[pos];
    fill(in, pos + 1, len, available, need, out, outLen + 1, inferred, results);
  }

  /**
   * Places {@code need} continuation bytes: the {@code available} real ones in order, plus guesses.
   */
  private static void fill(
      byte[] in,
      int pos,
      int len,
      int available,
      int need,
      byte[] out,
      int outLen,
      boolean inferred,
      Set<String> results) {
    if (need == 0) {
      expand(in, pos, len, out, outLen, inferred, results);
      return;
    }
    if (available > 0) {
      out[outLen] = in[pos];
      fill(in, pos + 1, len, available - 1, need - 1, out, outLen + 1, inferred, results);
    }
    if (need > available) {
      for (byte guess : DROPPED) {
        out[outLen] = guess;
        fill(in, pos, len, available, need - 1, out, outLen + 1, true, results);
      }
    }
  }

  private static void accept(byte[] out, int outLen, boolean inferred, Set<String> results) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String decoded;
    try {
      decoded = decoder.decode(ByteBuffer.wrap(out, 0, outLen)).toString();
    } catch (CharacterCodingException e) {
      return;
    }
    if (decoded.codePoints().allMatch(cp -> plausible(cp, inferred))) {
      results.add(decoded);
    }
  }

  private static boolean plausible(int cp, boolean inferred) {
    if (inferred) {
      return Emoji.isEmojiPart(cp);
    }
    int type = Character.getType(cp);
    return Character.isDefined(cp)
        && type != Character.CONTROL
        && type != Character.PRIVATE_USE
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED;
  }

  private static boolean isLead(byte b) {
    int v = b & 0xFF;
    return v >= 0xC2 && v <= 0xF4;
  }

  private static boolean isContinuation(byte b) {
    int v = b & 0xFF;
    return v >= 0x80 && v <= 0xBF;
  }
}
