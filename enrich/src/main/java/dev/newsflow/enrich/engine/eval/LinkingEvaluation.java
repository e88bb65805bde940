package dev.newsflow.enrich.engine.eval;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.linking.EntityLinker;
import dev.newsflow.enrich.engine.linking.ResolvedEntity;
import dev.newsflow.linkdict.WikiDictionary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linking accuracy and coverage, by gold mention: a gold mention counts as linked when an engine
 * mention stands for it ({@link #sameMention}) and carries an id, and as right when that id is the gold title. Accuracy
 * is right over linked, coverage linked over gold, recall right over gold. The engine's mentions
 * are annotated once; every linker configuration (the full linker, each signal switched off, the
 * most-frequent-title baseline that links each mention by its own text alone) is then scored on
 * the same entities, so the figures differ by the linker only.
 */
public final class LinkingEvaluation {
    private LinkingEvaluation() {
    }

    /** Counts over gold mentions. */
    public record Scores(int gold, int linked, int right) {
        public double accuracy() {
            return linked == 0 ? 0 : (double) right / linked;
        }

        public double coverage() {
            return gold == 0 ? 0 : (double) linked / gold;
        }

        public double recall() {
            return gold == 0 ? 0 : (double) right / gold;
        }

        Scores plus(boolean isLinked, boolean isRight) {
            return new Scores(gold + 1, linked + (isLinked ? 1 : 0), right + (isRight ? 1 : 0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "accuracy %.3f (%d/%d), coverage %.3f, recall %.3f", accuracy(), right,
                    linked, coverage(), recall());
        }
    }

    /** A gold mention: span and the title it refers to (underscores for spaces). */
    public record GoldLink(int start, int end, String title) {
    }

    /** One article's text, its engine annotation and its gold links. */
    public record Annotated(String id, String text, List<EntityAnnotation> entities, List<GoldLink> gold) {
    }

    /** Scores of one configuration: all gold mentions, those whose title the dictionary holds, and the wrong links. */
    public record Result(Scores all, Scores inDictionary, List<String> errors) {
    }

    /** How a configuration names the title of one engine mention of an entity (null: unlinked). */
    public interface MentionLinker {
        List<String> ids(Annotated article, EntityAnnotation entity);
    }

    /** Annotates GUM's articles; gold links are every mention of every entity, titled by the entity's name. */
    public static List<Annotated> gum(NewsEngine engine, List<DevSets.GoldArticle> articles) {
        List<Annotated> out = new ArrayList<>();
        for (DevSets.GoldArticle article : articles) {
            Annotation a = engine.annotate(new Document(article.id(), null, article.text(), "en", List.of()));
            List<GoldLink> gold = new ArrayList<>();
            for (DevSets.GoldEntity e : article.entities()) {
                for (DevSets.GoldMention m : e.mentions()) {
                    gold.add(new GoldLink(m.start(), m.end(), e.name().replace(' ', '_')));
                }
            }
            out.add(new Annotated(article.id(), article.text(), a.entities(), gold));
        }
        return out;
    }

    /**
     * Annotates one text whose gold is given by surface: {@code surface -> title} for every
     * occurrence of the surface (as a whole word) in the text, for texts where each name has one
     * meaning ("Cameron" -> David_Cameron throughout the Hollande sample).
     */
    public static Annotated bySurface(NewsEngine engine, String id, String text, Map<String, String> goldBySurface) {
        Annotation a = engine.annotate(Document.of(id, text));
        List<GoldLink> gold = new ArrayList<>();
        for (Map.Entry<String, String> g : goldBySurface.entrySet()) {
            String s = g.getKey();
            for (int at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
                boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
                int end = at + s.length();
                boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
                if (startOk && endOk && !insideLonger(goldBySurface, text, at, end)) {
                    gold.add(new GoldLink(at, end, g.getValue()));
                }
            }
        }
        return new Annotated(id, text, a.entities(), gold);
    }

    /** True when a longer gold surface covers [start, end) ("Cameron" inside "David Cameron"). */
    private static boolean insideLonger(Map<String, String> gold, String text, int start, int end) {
        for (String other : gold.keySet()) {
            if (other.length() <= end - start) {
                continue;
            }
            for (int at = text.indexOf(other, Math.max(0, end - other.length())); at >= 0 && at <= start;
                 at = text.indexOf(other, at + 1)) {
                if (at + other.length() >= end) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The engine's own ids (every mention of an entity carries the entity's id). */
    public static MentionLinker engine() {
        return (article, entity) -> repeat(entity.id(), entity.mentions().size());
    }

    /** A linker with other signals, run on the engine's entities. */
    public static MentionLinker linker(EntityLinker linker) {
        return new MentionLinker() {
            private final Map<Annotated, List<EntityLinker.Link>> cache = new java.util.IdentityHashMap<>();

            @Override
            public List<String> ids(Annotated article, EntityAnnotation entity) {
                List<EntityLinker.Link> links = cache.computeIfAbsent(article, a -> linker.link(a.text(), resolved(a)));
                EntityLinker.Link link = links.get(article.entities().indexOf(entity));
                return repeat(link == null ? null : link.id(), entity.mentions().size());
            }
        };
    }

    /** The most-frequent-title baseline: each mention linked by its own text's first title. */
    public static MentionLinker mostFrequentTitle(WikiDictionary dictionary) {
        return (article, entity) -> {
            List<String> ids = new ArrayList<>();
            for (Mention m : entity.mentions()) {
                EntityLinker.Link l = EntityLinker.mostFrequentTitle(dictionary, m.text());
                ids.add(l == null ? null : l.id());
            }
            return ids;
        };
    }

    private static List<ResolvedEntity> resolved(Annotated a) {
        List<ResolvedEntity> out = new ArrayList<>();
        for (EntityAnnotation e : a.entities()) {
            out.add(new ResolvedEntity(e.name(), e.type(), e.mentions()));
        }
        return out;
    }

    private static List<String> repeat(String id, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(id);
        }
        return out;
    }

    /**
     * An engine mention stands for a gold mention when they overlap by at least 60 % of the longer
     * one: GUM nests gold mentions ("US" in "US National Science Foundation"), and the outer
     * mention names another thing than the inner one.
     */
    static boolean sameMention(Mention m, GoldLink g) {
        int overlap = Math.min(m.end(), g.end()) - Math.max(m.start(), g.start());
        int longer = Math.max(m.end() - m.start(), g.end() - g.start());
        return overlap > 0 && overlap >= 0.6 * longer;
    }

    /** Gold links by surface from TSV lines ({@code surface TAB title}; blank lines and # comments skipped). */
    public static Map<String, String> goldBySurface(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 2) {
                throw new IllegalArgumentException("gold link line is not 'surface TAB title': " + line);
            }
            out.put(f[0].strip(), f[1].strip());
        }
        return out;
    }

    /** Scores one configuration over the articles. */
    public static Result score(List<Annotated> articles, MentionLinker linker, WikiDictionary dictionary) {
        Scores all = new Scores(0, 0, 0);
        Scores known = new Scores(0, 0, 0);
        List<String> errors = new ArrayList<>();
        for (Annotated a : articles) {
            Map<EntityAnnotation, List<String>> ids = new LinkedHashMap<>();
            for (EntityAnnotation e : a.entities()) {
                ids.put(e, linker.ids(a, e));
            }
            for (GoldLink g : a.gold()) {
                String id = null;
                String surface = null;
                search:
                for (Map.Entry<EntityAnnotation, List<String>> e : ids.entrySet()) {
                    List<Mention> mentions = e.getKey().mentions();
                    for (int i = 0; i < mentions.size(); i++) {
                        Mention m = mentions.get(i);
                        if (sameMention(m, g) && e.getValue().get(i) != null) {
                            id = e.getValue().get(i);
                            surface = m.text();
                            break search;
                        }
                    }
                }
                boolean linked = id != null;
                boolean right = linked && id.equals(g.title());
                all = all.plus(linked, right);
                if (dictionary.type(g.title()) != null) {
                    known = known.plus(linked, right);
                }
                if (linked && !right) {
                    errors.add(a.id() + ": \"" + surface + "\" -> " + id + " (gold " + g.title() + ")");
                }
            }
        }
        return new Result(all, known, errors);
    }
}
