package dev.promptcheck.model;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one model's calls within what its provider says it allows. Every answer's rate-limit
 * headers ({@link RateLimits}) say how many requests and tokens are left in the current window and
 * when it resets; the pacer counts down from the newest of them as it lets calls go (a call sent
 * after the answered one is not in the provider's figure yet), and when the requests left reach 0,
 * or the tokens left would not cover the next request's estimate, it holds new calls until the
 * reset. After a reset nothing is known of the new window, so one call goes first and the others
 * wait for its answer's headers, rather than all of them meeting a window that may have freed a
 * single slot. A 429's {@code Retry-After} holds every call of the model, not only the refused one.
 *
 * <p>A request's tokens are estimated before it is sent as its characters / 4, corrected by the
 * ratio of the tokens answers reported (input and output) to their requests' characters.
 *
 * <p>No hold is longer than {@code maxWait}: past it a call goes, and a provider that still refuses
 * for longer ends as a spent quota in the retry step.
 */
public final class Pacer {
  private static final double DEFAULT_TOKENS_PER_CHAR = 0.25;

  /**
   * Added to every reset: the provider starts a window's clock when it admits a call, a little
   * after it was sent (half a round trip, parsing); a call let go at the very instant would be
   * refused.
   */
  private static final long ADMISSION_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** What {@link #enter} handed a call; given back with its outcome. */
  public record Ticket(long seq, long tokens, long tokensBefore, int chars, boolean probe) {}

  private final String name;
  private final long maxWaitNanos;
  private final LimitStats stats;

  private long sent;
  private long reservedTokens;

  /** The first call after the last reset: answers of calls before it speak of an older window. */
  private long windowFrom;

  /** The latest call whose answer gave figures. */
  private long factsFrom;

  private Long requestsLeft;
  private long requestsResetAt;
  private Long tokensLeft;
  private long tokensResetAt;
  private long holdUntil;
  private boolean probing;
  private double tokensPerChar = DEFAULT_TOKENS_PER_CHAR;

  /**
   * Calls allowed in flight, adapted to 429s (additive increase, multiplicative decrease): it
   * starts at the configured concurrency ({@code ceiling}, never exceeded), halves (down to 1) on a
   * 429 of a call sent after the last halving (the refusals of one burst halve it once), and grows
   * by one after as many answers in a row as it allows, so a provider that sends no headers still
   * makes a run converge on its allowance instead of hammering it.
   */
  private final int ceiling;

  private int allowed;
  private int inFlight;
  private int successes;
  private long halvedAt;

  public Pacer(String name, int concurrency, Duration maxWait, LimitStats stats) {
    this.name = name;
    this.ceiling = Math.max(1, concurrency);
    this.allowed = this.ceiling;
    this.maxWaitNanos = maxWait.toNanos();
    this.stats = stats;
  }

  /** Calls allowed in flight now (the configured concurrency until a 429 halves it). */
  public synchronized int allowed() {
    return allowed;
  }

  public LimitStats stats() {
    return stats;
  }

  /**
   * Waits until a request of {@code chars} characters may be sent, and reserves its share of the
   * allowance.
   */
  public Ticket enter(int chars) throws InterruptedException {
    boolean held = false;
    try {
      synchronized (this) {
        long tokens = Math.max(1, Math.round(chars * tokensPerChar));
        long heldSince = System.nanoTime();
        while (true) {
          long now = System.nanoTime();
          long until = heldUntil(now, tokens);
          if (until == 0 && inFlight >= allowed) {
            wait(); // a slot frees with every answer or failure, each of which notifies
            heldSince = System.nanoTime();
            continue;
          }
          if (until == 0 || now - heldSince >= maxWaitNanos) {
            break;
          }
          if (!held) {
            held = true;
            stats.beginWait();
          }
          long deadline = Math.min(until, heldSince + maxWaitNanos);
          TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - now));
        }
        // past a reset (or a hold cut at maxWait) the figures are stale: this call finds out
        boolean probe = exhausted(tokens);
        if (probe) {
          requestsLeft = null;
          tokensLeft = null;
          probing = true;
        }
        long seq = ++sent;
        inFlight++;
        if (probe) {
          windowFrom = seq;
        }
        long before = reservedTokens;
        reservedTokens += tokens;
        if (requestsLeft != null) {
          requestsLeft--;
        }
        if (tokensLeft != null) {
          tokensLeft -= tokens;
        }
        return new Ticket(seq, tokens, before, chars, probe);
      }
    } finally {
      if (held) {
        stats.endWait();
      }
    }
  }

  private boolean exhausted(long tokens) {
    return (requestsLeft != null && requestsLeft <= 0)
        || (tokensLeft != null && tokensLeft < tokens);
  }

  /**
   * 0 when a call may go at {@code now}; else until when it must wait ({@code Long.MAX_VALUE}:
   * until a probe's answer).
   */
  private long heldUntil(long now, long tokens) {
    long until = 0;
    if (now < holdUntil) {
      until = holdUntil;
    }
    if (requestsLeft != null && requestsLeft <= 0 && now < requestsResetAt) {
      until = Math.max(until, requestsResetAt);
    }
    if (tokensLeft != null && tokensLeft < tokens && now < tokensResetAt) {
      until = Math.max(until, tokensResetAt);
    }
    if (until == 0 && probing) {
      return Long.MAX_VALUE;
    }
    return until;
  }

  /**
   * The call of {@code ticket} was answered; {@code sentAt} (nanoTime) is when it went on the wire,
   * which the answer's resets run from.
   */
  public synchronized void answered(Ticket ticket, long sentAt, ModelResponse response) {
    settle(ticket, sentAt, response.rateLimits());
    if (++successes >= ceiling && allowed < ceiling) {
      allowed++;
      successes = 0;
    }
    Integer in = response.inputTokens();
    Integer out = response.outputTokens();
    if (in != null && ticket.chars() > 0) {
      double used = in + (out == null ? 0 : out);
      // a moving average: one odd answer does not swing the next estimates
      tokensPerChar = 0.8 * tokensPerChar + 0.2 * (used / ticket.chars());
    }
    notifyAll();
  }

  /**
   * The provider refused the call of {@code ticket} with a 429, its resets running from {@code
   * sentAt}.
   */
  public synchronized void refused(Ticket ticket, long sentAt, ModelCallException refusal) {
    stats.refused();
    settle(ticket, sentAt, refusal.rateLimits());
    // a refusal that names a wait is paced by the hold above; one that names none (or 0) says only
    // "too many at once", which only fewer calls in flight cures (halving on every 429 measured
    // 1.86x the ideal wall against the stub's 1 s windows, where the hold alone gave 1.07x)
    boolean noWait = refusal.retryAfter() == null || refusal.retryAfter().isZero();
    if (noWait && ticket.seq() > halvedAt) {
      allowed = Math.max(1, allowed / 2);
      halvedAt = sent;
    }
    successes = 0;
    Duration wait = refusal.retryAfter();
    if (wait != null && wait.toNanos() <= maxWaitNanos) {
      holdUntil = Math.max(holdUntil, System.nanoTime() + wait.toNanos());
    }
    notifyAll();
  }

  /** The call of {@code ticket} failed otherwise (or never went out). */
  public synchronized void failed(Ticket ticket) {
    settle(ticket, 0, RateLimits.NONE);
    notifyAll();
  }

  /**
   * Takes in an answer's figures. They are read as of when the provider admitted the call (about
   * when it was sent): the calls sent after it are not in its remaining count, and its resets run
   * from then, not from when the answer, a whole latency later, came in. Calls sent together reach
   * the provider in any order, so a call sent before this one may have been admitted after it and
   * be missing from its count: a lower estimate is always taken, whichever answer gave it, and a
   * higher one only from a call sent after those that gave the figures so far, once their reset has
   * passed (an answer to an earlier call, come in late, speaks of an older state).
   */
  private void settle(Ticket ticket, long sentAt, RateLimits limits) {
    inFlight--;
    if (ticket.probe()) {
      probing = false;
    }
    if (!limits.known() || ticket.seq() < windowFrom) {
      return; // nothing said, or said of the window before the last reset
    }
    long now = System.nanoTime();
    long admitted = sentAt + ADMISSION_MARGIN_NANOS;
    boolean newer = ticket.seq() > factsFrom;
    factsFrom = Math.max(factsFrom, ticket.seq());
    if (limits.remainingRequests() != null) {
      long estimate = limits.remainingRequests() - (sent - ticket.seq());
      if (requestsLeft == null || estimate < requestsLeft || (newer && now >= requestsResetAt)) {
        requestsLeft = estimate;
        requestsResetAt = admitted + nanos(limits.resetRequests());
      }
    }
    if (limits.remainingTokens() != null) {
      long estimate =
          limits.remainingTokens() - (reservedTokens - ticket.tokensBefore() - ticket.tokens());
      if (tokensLeft == null || estimate < tokensLeft || (newer && now >= tokensResetAt)) {
        tokensLeft = estimate;
        tokensResetAt = admitted + nanos(limits.resetTokens());
      }
    }
  }

  private static long nanos(Duration d) {
    return d == null ? 0 : d.toNanos();
  }

  @Override
  public String toString() {
    return "pacer of " + name;
  }
}
