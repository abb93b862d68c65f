package dev.promptcheck.run;

import dev.promptcheck.provider.ModelConfig;
import dev.promptcheck.spec.PromptFile;
import dev.promptcheck.spec.TestCase;

/**
 * One unit of work: a prompt file's case sent to one model, the {@code repeat}-th time (0-based).
 */
public record Trial(
    String id,
    String caseId,
    String file,
    PromptFile prompt,
    TestCase testCase,
    ModelConfig model,
    int repeat) {}
