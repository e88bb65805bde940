package dev.newsflow.enrich.engine.ner;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokenizer, sentence splitter and CRF named-entity tagger from Stanford CoreNLP, in the lean
 * configuration: statistical model only (no SUTime, numeric or fine-grained classifiers, no
 * regexner). The CoNLL 4-class model (PERSON, ORGANIZATION, LOCATION, MISC) uses no POS
 * features, so the POS tagger is not run. One instance is safe to share between threads:
 * CoreNLP annotators keep no per-document state.
 */
public final class NerTagger {
    private static final Logger LOG = LoggerFactory.getLogger(NerTagger.class);
    public static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

    private final StanfordCoreNLP pipeline;

    public NerTagger() {
        this(leanProperties());
    }

    NerTagger(Properties properties) {
        long t0 = System.nanoTime();
        this.pipeline = new StanfordCoreNLP(properties);
        LOG.info("CoreNLP NER pipeline loaded in {} ms ({})", (System.nanoTime() - t0) / 1_000_000,
                properties.getProperty("ner.model"));
    }

    /** The CoreNLP properties of the lean pipeline (also used bare by the benchmark). */
    public static Properties leanProperties() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,ner");
        p.setProperty("enforceRequirements", "false");
        p.setProperty("tokenize.language", "en");
        p.setProperty("ssplit.newlineIsSentenceBreak", "two");
        p.setProperty("ner.model", MODEL);
        p.setProperty("ner.applyNumericClassifiers", "false");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.applyFineGrained", "false");
        p.setProperty("ner.statisticalOnly", "true");
        p.setProperty("ner.buildEntityMentions", "false");
        p.setProperty("ner.combinationMode", "NORMAL");
        return p;
    }

    /** Tags a text; offsets in the result index into {@code text} shifted by {@code offset}. */
    public List<TaggedSentence> tag(String text, int offset) {
        Annotation annotation = new Annotation(text);
        pipeline.annotate(annotation);
        List<CoreMap> sentences = annotation.get(CoreAnnotations.SentencesAnnotation.class);
        List<TaggedSentence> out = new ArrayList<>(sentences == null ? 0 : sentences.size());
        if (sentences == null) {
            return out;
        }
        for (CoreMap sentence : sentences) {
            List<CoreLabel> labels = sentence.get(CoreAnnotations.TokensAnnotation.class);
            if (labels == null || labels.isEmpty()) {
                continue;
            }
            List<Token> tokens = new ArrayList<>(labels.size());
            for (CoreLabel label : labels) {
                tokens.add(new Token(label.originalText(), label.beginPosition() + offset,
                        label.endPosition() + offset, label.ner()));
            }
            out.add(new TaggedSentence(tokens.get(0).start(), tokens.get(tokens.size() - 1).end(), tokens));
        }
        return out;
    }
}
