/**
 * The run history: many run folders read into one index ({@code history.sqlite}), the trends and
 * drifts computed from it, and the pages that show them. Above the reports: it reads run folders
 * (streaming the fields it keeps, {@link ResultsReader}) and never changes them.
 */
package dev.promptcheck.history;
