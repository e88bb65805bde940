package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.engine.NewsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for the NLP engine, so topology tests check the topology and
 * not the tagger: every capitalised word is a PERSON; "positive"/"negative" in the text
 * set the document sentiment; "EXPLODE" makes it throw; "German:" marks a skipped document.
 */
class FakeEngine implements NewsEngine {
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][a-z]+\\b");
    private final long delayNanos;
    final AtomicInteger calls = new AtomicInteger();

    FakeEngine() {
        this(0);
    }

    /** An engine that takes {@code delayMillis} per document, like a real tagger on long articles. */
    FakeEngine(long delayMillis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public Annotation annotate(Document document) {
        calls.incrementAndGet();
        if (delayNanos > 0) {
            long until = System.nanoTime() + delayNanos;
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
        }
        String text = document.text();
        if (text.contains("EXPLODE")) {
            throw new IllegalStateException("tagger crashed on purpose");
        }
        if (text.startsWith("German:")) {
            return Annotation.skipped("de", "unsupported language: de");
        }
        List<EntityAnnotation> entities = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            entities.add(new EntityAnnotation(matcher.group(), EntityType.PERSON, 0.5, Sentiment.NEUTRAL,
                    List.of(new Mention(matcher.start(), matcher.end(), matcher.group(), EntityType.PERSON))));
        }
        double score = text.contains("positive") ? 0.6 : text.contains("negative") ? -0.6 : 0.0;
        return new Annotation("en", Sentiment.of(score), List.of(new SentenceAnnotation(0, text.length(), Sentiment.of(score))),
                entities, List.of(), null);
    }
}
