package dev.newsflow.enrich.engine.ner;

import java.util.List;

/** A sentence: its span in the original text and its tokens. */
public record TaggedSentence(int start, int end, List<Token> tokens) {
    public TaggedSentence {
        tokens = List.copyOf(tokens);
    }
}
