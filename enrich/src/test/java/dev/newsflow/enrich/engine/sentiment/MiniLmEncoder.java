package dev.newsflow.enrich.engine.sentiment;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The quantized all-MiniLM-L6-v2 transformer (from the langchain4j jar) on ONNX Runtime, one
 * intra-op and one inter-op thread so that its states are the same on every run: the encoder the
 * trainer distils static vectors from. Training only: it lives with the tests, where ONNX Runtime
 * is a test-scope dependency; the engine never runs a transformer.
 */
final class MiniLmEncoder implements StaticVectors.Encoder, AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean tokenTypes;

    private MiniLmEncoder(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
    }

    static MiniLmEncoder load() {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new MiniLmEncoder(env, env.createSession(StaticVectors.miniLmModel(), options));
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot start ONNX Runtime on the MiniLM model: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] states(long[] ids) {
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        try (OnnxTensor idT = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor maskT = OnnxTensor.createTensor(env, new long[][] {mask});
             OnnxTensor typeT = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]})) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", idT);
            in.put("attention_mask", maskT);
            if (tokenTypes) {
                in.put("token_type_ids", typeT);
            }
            try (OrtSession.Result r = session.run(in)) {
                return ((float[][][]) r.get(0).getValue())[0];
            }
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM run failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the MiniLM session: " + e.getMessage(), e);
        }
    }
}
