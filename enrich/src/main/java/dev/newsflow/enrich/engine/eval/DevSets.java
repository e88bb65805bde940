package dev.newsflow.enrich.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Readers of the development sets (JSON Lines), from a file or the classpath. */
public final class DevSets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevSets() {
    }

    /** A NewsMTSC target: span in the sentence and gold label (-1 negative, 0 neutral, 1 positive). */
    public record Target(int start, int end, int polarity) {
    }

    public record TargetSentence(String id, String sentence, List<Target> targets) {
    }

    public record GoldMention(int start, int end, String text) {
    }

    public record GoldEntity(String name, String type, List<GoldMention> mentions) {
    }

    public record GoldArticle(String id, String title, String text, List<GoldEntity> entities) {
    }

    /** An article with every named mention labelled (Wikigold): span and type (PERSON, ORGANIZATION, LOCATION, MISC). */
    public record LabelledArticle(String id, String text, List<Evaluation.TypedSpan> mentions) {
    }

    /** Wikigold lines: CoNLL types PER, ORG, LOC, MISC become the engine's type names. */
    public static List<LabelledArticle> wikigold(List<JsonNode> lines) {
        List<LabelledArticle> out = new ArrayList<>(lines.size());
        for (JsonNode n : lines) {
            List<Evaluation.TypedSpan> mentions = new ArrayList<>();
            for (JsonNode m : n.get("mentions")) {
                mentions.add(new Evaluation.TypedSpan(m.get("start").asInt(), m.get("end").asInt(), conllType(m.get("type").asText())));
            }
            out.add(new LabelledArticle(n.get("id").asText(), n.get("text").asText(), mentions));
        }
        return out;
    }

    private static String conllType(String type) {
        return switch (type) {
            case "PER" -> "PERSON";
            case "ORG" -> "ORGANIZATION";
            case "LOC" -> "LOCATION";
            case "MISC" -> "MISC";
            default -> throw new IllegalArgumentException("Unknown Wikigold mention type " + type);
        };
    }

    public static List<JsonNode> lines(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return lines(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static List<JsonNode> lines(InputStream in, String name) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
        return out;
    }

    public static List<TargetSentence> newsMtsc(List<JsonNode> lines) {
        List<TargetSentence> out = new ArrayList<>(lines.size());
        for (JsonNode n : lines) {
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : n.get("targets")) {
                double p = t.get("polarity").asDouble();
                int polarity = p < 4.0 ? -1 : p > 4.0 ? 1 : 0;
                targets.add(new Target(t.get("from").asInt(), t.get("to").asInt(), polarity));
            }
            out.add(new TargetSentence(n.path("primary_gid").asText(), n.get("sentence_normalized").asText(), targets));
        }
        return out;
    }

    public static List<GoldArticle> gum(List<JsonNode> lines) {
        List<GoldArticle> out = new ArrayList<>(lines.size());
        for (JsonNode n : lines) {
            List<GoldEntity> entities = new ArrayList<>();
            for (JsonNode e : n.get("entities")) {
                List<GoldMention> mentions = new ArrayList<>();
                for (JsonNode m : e.get("mentions")) {
                    mentions.add(new GoldMention(m.get("start").asInt(), m.get("end").asInt(), m.path("text").asText()));
                }
                entities.add(new GoldEntity(e.get("name").asText(), e.get("type").asText(), mentions));
            }
            out.add(new GoldArticle(n.get("id").asText(), n.path("title").asText(null), n.get("text").asText(), entities));
        }
        return out;
    }
}
