package io.flk.domain.verification;

/** A passage the answer should be grounded in; its text lives in memory only. */
public record SourcePassage(String id, String text) {
}
