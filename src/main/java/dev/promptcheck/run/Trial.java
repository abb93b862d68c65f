package dev.promptcheck.run;

import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.TestCase;

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
