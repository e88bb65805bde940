package dev.newsflow.sink;

import dev.newsflow.linkdict.WikiDictionary;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AliasCandidates} from the linker's Wikipedia dictionary ({@link WikiDictionary#shared()},
 * one copy per JVM, so under {@code run} the sink reuses the one enrich loaded). The dictionary
 * loads on a background thread so the sink starts at once; until it is there, and if it cannot be
 * loaded, names resolve as without it.
 */
public final class DictionaryAliases implements AliasCandidates {
    private static final Logger LOG = LoggerFactory.getLogger(DictionaryAliases.class);
    private volatile WikiDictionary dictionary;

    private DictionaryAliases() {
    }

    /** The dictionary's candidates when {@link SinkConfig#aliasDictionary()}, else {@link AliasCandidates#NONE}. */
    public static AliasCandidates of(SinkConfig config) {
        if (!config.aliasDictionary()) {
            return NONE;
        }
        DictionaryAliases aliases = new DictionaryAliases();
        Thread loader = new Thread(aliases::load, "sink-alias-dictionary");
        loader.setDaemon(true);
        loader.start();
        return aliases;
    }

    private void load() {
        try {
            dictionary = WikiDictionary.shared();
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("Names no article used resolve without the Wikipedia dictionary: {}", e.getMessage());
        }
    }

    /** Whether the dictionary has loaded. */
    public boolean ready() {
        return dictionary != null;
    }

    @Override
    public List<String> titles(String surface) {
        WikiDictionary loaded = dictionary;
        if (loaded == null) {
            return List.of();
        }
        return loaded.candidates(surface).stream().map(WikiDictionary.Candidate::title).toList();
    }
}
