package io.chariot.projections.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator may ask of a rebuild, refused before anything is replayed. */
class RebuildRequestTest {

    private static RebuildRequest request(boolean blueGreen, int segments, Long from, Instant since, int maxRate) {
        return new RebuildRequest("assets-dynamodb", blueGreen, segments, from, since, false, false, maxRate);
    }

    @Test
    void anInPlaceRebuildOfEverythingIsTheDefault() {
        RebuildRequest request = RebuildRequest.inPlace("assets-dynamodb");

        assertThat(request.blueGreen()).isFalse();
        assertThat(request.segments()).isEqualTo(1);
        assertThat(request.partial()).isFalse();
        assertThat(request.maxRate()).isZero();
    }

    @Test
    void segmentsRunFromOneToThirtyTwo() {
        assertThat(request(false, 1, null, null, 0).segments()).isEqualTo(1);
        assertThat(request(false, RebuildRequest.MAX_SEGMENTS, null, null, 0).segments()).isEqualTo(32);
        assertThatThrownBy(() -> request(false, 0, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("segments must be between 1 and 32, got 0");
        assertThatThrownBy(() -> request(false, 33, null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartialRebuildStartsEitherAfterAPositionOrAfterATimeNotBoth() {
        assertThat(request(false, 1, 100L, null, 0).partial()).isTrue();
        assertThat(request(false, 1, null, Instant.EPOCH, 0).partial()).isTrue();
        assertThatThrownBy(() -> request(false, 1, 100L, Instant.EPOCH, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void aNegativePositionOrRateIsRefused() {
        assertThatThrownBy(() -> request(false, 1, -1L, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
        assertThatThrownBy(() -> request(false, 1, null, null, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max rate");
    }

    @Test
    void aBlueGreenRebuildAlwaysReplaysEveryEvent() {
        assertThat(request(true, 4, null, null, 0).blueGreen()).isTrue();
        assertThatThrownBy(() -> request(true, 1, 5L, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blue-green");
        assertThatThrownBy(() -> request(true, 1, null, Instant.EPOCH, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blue-green");
    }
}
