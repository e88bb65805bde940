package dev.newsflow.enrich.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.Span;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichedArticleMapper;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.json.ArticleView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsflow annotate}: runs the enrichment engine on documents without Kafka. Reads JSON
 * Lines on stdin ({@code {"id", "text", "title"?, "language"?, "targets"?: [{"start", "end"}]}})
 * or one plain-text file, and writes one JSON line per document on stdout, in input order: the
 * article view the sink's {@code GET /articles/{id}} serves, plus {@code targets}.
 * A document that cannot be processed yields {@code {"id", "error"}} and the run goes on.
 * Logs go to stderr; stdout carries only results.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Tag entities and sentiment in documents: JSON Lines on stdin (or one plain-text file) to JSON Lines on stdout.",
            "Input line: {\"id\": \"...\", \"text\": \"...\", \"title\": optional, \"targets\": optional [{\"start\": int, \"end\": int}]}"})
public class AnnotateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AnnotateCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** The source of an annotated document in its article view. */
    static final String SOURCE = "annotate";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A plain-text file to annotate as one document (id: the file name). Without it, JSON Lines are read from stdin.")
    Path file;

    @Option(names = "--max-chars", paramLabel = "N", description = "Longest text accepted (default: ${DEFAULT-VALUE}).")
    int maxChars = EngineSettings.DEFAULT_MAX_CHARS;

    @Option(names = "--aliases", paramLabel = "FILE", description = "Extra alias table (TSV: canonical, type, full forms, short forms).")
    Path aliases;

    private final Function<EngineSettings, NewsEngine> engineFactory;
    private final InputStream in;
    private final OutputStream out;

    public AnnotateCommand() {
        this(NewsEngines::create, System.in, System.out);
    }

    /** For tests and embedding: the engine factory and the streams to use. */
    public AnnotateCommand(Function<EngineSettings, NewsEngine> engineFactory, InputStream in, OutputStream out) {
        this.engineFactory = engineFactory;
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        String single = null;
        if (file != null) {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file);
                return 2;
            }
            single = Files.readString(file, StandardCharsets.UTF_8);
        }
        EngineSettings settings = EngineSettings.defaults().withMaxChars(maxChars).withAliasesFile(aliases);
        int documents = 0;
        int failed = 0;
        PrintStream stdout = new PrintStream(out, false, StandardCharsets.UTF_8);
        try (NewsEngine engine = engineFactory.apply(settings)) {
            if (single != null) {
                documents = 1;
                failed += emit(stdout, process(engine, new Document(file.getFileName().toString(), null, single, null, List.of())));
            } else {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    documents++;
                    failed += emit(stdout, processLine(engine, line, number));
                }
            }
        }
        stdout.flush();
        LOG.info("Annotated {} documents ({} failed)", documents, failed);
        return 0;
    }

    private record Result(String json, boolean failed) {
    }

    private static int emit(PrintStream stdout, Result result) {
        stdout.print(result.json());
        stdout.print('\n');
        stdout.flush();
        return result.failed() ? 1 : 0;
    }

    private static Result processLine(NewsEngine engine, String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(null, "line " + number + " is not valid JSON: " + e.getOriginalMessage());
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : null;
        Document document;
        try {
            document = document(node, id);
        } catch (IllegalArgumentException e) {
            return error(id, e.getMessage());
        }
        return process(engine, document);
    }

    static Document document(JsonNode node, String id) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"id\" and \"text\"");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("missing string field \"text\"");
        }
        List<Span> targets = new ArrayList<>();
        JsonNode t = node.get("targets");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw new IllegalArgumentException("\"targets\" must be an array of {\"start\", \"end\"}");
            }
            for (JsonNode span : t) {
                if (!span.path("start").isInt() || !span.path("end").isInt()) {
                    throw new IllegalArgumentException("every target needs integer \"start\" and \"end\"");
                }
                targets.add(new Span(span.get("start").asInt(), span.get("end").asInt()));
            }
        }
        return new Document(id, textOrNull(node, "title"), text.asText(), textOrNull(node, "language"), targets);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Result process(NewsEngine engine, Document document) {
        try {
            return new Result(toJson(document, engine.annotate(document), engine.name(), engine.version()), false);
        } catch (NewsEngine.DocumentTooLargeException | IllegalArgumentException e) {
            return error(document.id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Document {} failed: {}", document.id(), e.toString());
            return error(document.id(), "engine failure: " + e);
        }
    }

    private static Result error(String id, String message) {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(s)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(s.toString(), true);
    }

    /**
     * The output line of one annotated document: the article view {@code GET /articles/{id}} serves
     * ({@link ArticleView#detail}, from the same {@link EnrichedArticleMapper} enrich writes with;
     * source {@code annotate}, no copies), plus the sentiment toward the input's {@code targets}.
     */
    static String toJson(Document document, Annotation a, String engine, String engineVersion) {
        Instant now = Instant.now();
        Article article = Article.newBuilder()
                .setId(document.id())
                .setSource(SOURCE)
                .setTitle(document.title())
                .setBody(document.text())
                .setLanguage(document.language())
                .setIngestedAt(now)
                .setContentHash(sha256(document.text()))
                .build();
        EnrichedArticle enriched = EnrichedArticleMapper.map(article, a, engine, engineVersion, now);
        Map<String, Object> json = ArticleView.detail(enriched, null);
        json.put("targets", a.targets().stream().map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("start", t.start());
            target.put("end", t.end());
            target.put("sentiment", Map.of("score", ArticleView.round(t.sentiment().score()),
                    "label", t.sentiment().label().name()));
            return target;
        }).toList());
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
