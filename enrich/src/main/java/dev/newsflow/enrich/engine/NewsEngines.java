package dev.newsflow.enrich.engine;

import dev.newsflow.enrich.engine.linking.AliasTable;
import dev.newsflow.enrich.engine.linking.EntityLinker;
import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.linking.OrganizationHeads;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.sentiment.ArticleSentiment;
import dev.newsflow.enrich.engine.sentiment.Lexicon;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import dev.newsflow.linkdict.WikiDictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the NewsFlow engine. Loading takes a few seconds and about 300 MB of heap (the CRF
 * model); create one engine per process and share it: it is thread-safe.
 */
public final class NewsEngines {
    private static final Logger LOG = LoggerFactory.getLogger(NewsEngines.class);

    private NewsEngines() {
    }

    /** The engine with default settings. */
    public static NewsEngine create() {
        return create(EngineSettings.defaults());
    }

    public static NewsEngine create(EngineSettings settings) {
        return create(settings, EntityResolver.Rules.ALL);
    }

    /** The engine with some resolution rules switched off: for the evaluation's ablation study only. */
    public static NewsEngine create(EngineSettings settings, EntityResolver.Rules rules) {
        return create(settings, rules, EntityLinker.Signals.ALL);
    }

    /**
     * The engine with some resolution rules or linking signals switched off (null signals: no
     * linking at all): for the evaluation's ablation study and the benchmark only.
     */
    public static NewsEngine create(EngineSettings settings, EntityResolver.Rules rules, EntityLinker.Signals linking) {
        long t0 = System.nanoTime();
        AliasTable aliases = AliasTable.builtInPlus(settings.aliasesFile());
        VaderScorer vader = new VaderScorer(Lexicon.news());
        EntityLinker linker = null;
        if (linking != null) {
            long d0 = System.nanoTime();
            WikiDictionary dictionary = WikiDictionary.shared();
            LOG.info("Wikipedia dictionary: {} surfaces, {} titles (loaded or shared in {} ms)", dictionary.surfaceCount(),
                    dictionary.titleCount(), (System.nanoTime() - d0) / 1_000_000);
            linker = new EntityLinker(dictionary, linking, EntityLinker.DEFAULT_THRESHOLD);
        }
        NewsEngine engine = new CoreNlpNewsEngine(settings, new NerTagger(),
                new EntityResolver(aliases, OrganizationHeads.builtIn(), rules), linker, ArticleSentiment.best(vader),
                new LanguageGuard(settings.defaultLanguage()));
        LOG.info("Engine {} {} ready in {} ms ({} aliases, {})", engine.name(), engine.version(),
                (System.nanoTime() - t0) / 1_000_000, aliases.size(), settings);
        return engine;
    }
}
