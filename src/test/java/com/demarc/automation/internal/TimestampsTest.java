package com.demarc.automation.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path reads AWS's timestamps exactly as {@link OffsetDateTime#parse} does; everything else falls back. */
class TimestampsTest {

    @Test
    void awsShapesReadAsTheFullParserReadsThem() {
        for (String s : new String[]{"2026-11-30T08:00:00Z", "2026-11-30T08:00:00.000Z", "2026-11-30T08:00:00.123456789Z",
                "2026-11-30T08:00:00.5+01:00", "2026-02-28T23:59:59.999-09:30", "2024-02-29T00:00:00+00:00",
                "1970-01-01T00:00:00Z"}) {
            assertThat(Timestamps.parse(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void otherShapesFallBackAndNonsenseIsNull() {
        assertThat(Timestamps.parse("2026-11-30t08:00:00z")).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(Timestamps.parse("2026-11-30T08:00:00+0100")).isNull(); // neither parser takes this offset shape
        assertThat(Timestamps.parse("2026-02-30T08:00:00Z")).isNull();
        assertThat(Timestamps.parse("2026-11-30T08:00:00+18:30")).as("beyond ±18:00, as the full parser").isNull();
        assertThat(Timestamps.parse("2026-11-30T24:00:00Z")).as("as the full parser: the next midnight")
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Timestamps.parse("yesterday")).isNull();
    }
}
