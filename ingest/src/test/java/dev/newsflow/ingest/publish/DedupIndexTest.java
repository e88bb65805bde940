package dev.newsflow.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupIndexTest {
    private static final String V1 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String V2 = "ffb2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @Test
    void shouldRefuseTheSameVersionWhileInFlightAndAfterConfirmation() {
        DedupIndex index = new DedupIndex(true);

        assertThat(index.claim("id", V1)).isTrue();
        assertThat(index.claim("id", V1)).as("in flight").isFalse();
        index.confirm("id", V1);
        assertThat(index.claim("id", V1)).as("published").isFalse();
        assertThat(index.claim("id", V2)).as("changed article").isTrue();
    }

    @Test
    void shouldAllowAVersionAgainAfterAFailedSend() {
        DedupIndex index = new DedupIndex(true);
        index.claim("id", V1);

        index.release("id", V1);

        assertThat(index.claim("id", V1)).isTrue();
    }

    @Test
    void shouldForgetAnArticleOnATombstoneWhenRebuilding() {
        DedupIndex index = new DedupIndex(true);
        index.load("id", V1);
        assertThat(index.claim("id", V1)).isFalse();

        index.load("id", null);

        assertThat(index.claim("id", V1)).isTrue();
    }

    @Test
    void shouldLetEverythingThroughWhenDisabled() {
        DedupIndex index = new DedupIndex(false);
        index.load("id", V1);

        assertThat(index.claim("id", V1)).isTrue();
    }
}
