package dev.newsflow.enrich.engine.ner;

/**
 * One token of the tagged text: surface word, offsets into the original text, and the
 * tagger's NER label ("O" outside names).
 */
public record Token(String word, int start, int end, String ner) {
    public boolean outside() {
        return ner == null || ner.equals("O");
    }
}
