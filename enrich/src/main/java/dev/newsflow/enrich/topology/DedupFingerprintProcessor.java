package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupProbe;
import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.enrich.dedup.NearDuplicates;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step of near-duplicate detection: fingerprints an enriched article and sends, keyed by
 * article id, its own report (the article and how many band reports to wait for), then one
 * probe per fingerprint band keyed by the band, so that copies on other partitions meet in the
 * band's partition. A tombstone goes on as a null report; a text too short to compare waits for
 * no band.
 */
final class DedupFingerprintProcessor implements Processor<String, EnrichedArticle, String, SpecificRecord> {
    private static final HexFormat HEX = HexFormat.of();
    private final NearDuplicates detector;
    private final AvroSerde<EnrichedArticle> articles = AvroSerde.of(EnrichedArticle.class);
    private ProcessorContext<String, SpecificRecord> context;

    DedupFingerprintProcessor(NearDuplicates detector) {
        this.detector = detector;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        if (article == null) {
            context.forward(record.withValue(null));
            return;
        }
        NearDuplicates.Fingerprint fingerprint = detector.fingerprint(article.getBody());
        long[] bands = fingerprint.bandKeys();
        context.forward(record.withValue(DedupReport.newBuilder()
                .setVersion(article.getContentHash())
                .setArticle(ByteBuffer.wrap(articles.serialize(null, article)))
                .setExpected(bands.length)
                .build()));
        if (bands.length == 0) {
            return;
        }
        ByteBuffer shingles = DedupSerdes.pack(fingerprint.sample());
        DedupProbe probe = new DedupProbe(article.getId(), article.getContentHash(), record.timestamp(), shingles,
                fingerprint.rate());
        for (int band = 0; band < bands.length; band++) {
            context.forward(record.withKey(bandKey(band, bands[band])).withValue(probe));
        }
    }

    static String bandKey(int band, long value) {
        return band + ":" + HEX.toHexDigits(value);
    }
}
