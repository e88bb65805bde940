package dev.newsflow.sink;

import java.util.List;

/**
 * Other names for what a surface form may mean, for names no stored article used: the
 * {@code /entities/{name}} routes ask it when the alias index knows nothing under a name (before
 * falling back to surnames), and answer the first title the store holds. The lead wires enrich's
 * Wikipedia dictionary here; by default it finds nothing.
 */
@FunctionalInterface
public interface AliasCandidates {
    /** Finds nothing. */
    AliasCandidates NONE = surface -> List.of();

    /** Link ids (English Wikipedia titles, underscores or spaces) that {@code surface} may name, best first. */
    List<String> titles(String surface);
}
