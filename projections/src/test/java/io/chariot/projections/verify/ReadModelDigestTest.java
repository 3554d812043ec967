package io.chariot.projections.verify;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code verify} and blue-green switches compare: per tenant, how many records and a checksum of them. */
class ReadModelDigestTest {

    @Test
    void theSameRecordsInAnyOrderGiveTheSameDigest() {
        var one = ReadModelDigest.builder().add("t", "a").add("t", "b").add("u", "c").build();
        var other = ReadModelDigest.builder().add("u", "c").add("t", "b").add("t", "a").build();

        assertThat(one).isEqualTo(other);
        assertThat(ReadModelDigest.compare(one, other)).isEmpty();
    }

    @Test
    void aChangedRecordChangesItsTenantsChecksumButNotItsCount() {
        var live = ReadModelDigest.builder().add("t", "a").add("t", "b").add("u", "c").build();
        var rebuilt = ReadModelDigest.builder().add("t", "a").add("t", "B").add("u", "c").build();

        var differences = ReadModelDigest.compare(live, rebuilt);

        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.tenant()).isEqualTo("t");
            assertThat(d.liveRecords()).isEqualTo(2).isEqualTo(d.rebuiltRecords());
            assertThat(d.liveChecksum()).isNotEqualTo(d.rebuiltChecksum());
        });
    }

    @Test
    void aTenantMissingOnOneSideIsADifferenceWithNoRecordsThere() {
        var live = ReadModelDigest.builder().add("t", "a").build();
        var rebuilt = ReadModelDigest.builder().add("t", "a").add("z", "b").build();

        assertThat(ReadModelDigest.compare(live, rebuilt)).singleElement().satisfies(d -> {
            assertThat(d.tenant()).isEqualTo("z");
            assertThat(d.liveRecords()).isZero();
            assertThat(d.liveChecksum()).isEqualTo("0000000000000000");
            assertThat(d.rebuiltRecords()).isEqualTo(1);
        });
        assertThat(rebuilt.records()).isEqualTo(2);
    }

    @Test
    void recordsWithoutATenantAreCountedUnderTheEmptyTenant() {
        assertThat(ReadModelDigest.builder().add(null, "a").build().tenants()).containsOnlyKeys("");
    }

    @Test
    void theCanonicalTextOfARecordIgnoresFieldOrderButNotListOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", List.of(1, 2));
        one.put("a", Map.of("y", "2", "x", "1"));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("a", Map.of("x", "1", "y", "2"));
        other.put("b", List.of(1, 2));

        assertThat(ReadModelDigest.canonical(one)).isEqualTo(ReadModelDigest.canonical(other));
        assertThat(ReadModelDigest.canonical(Map.of("b", List.of(2, 1))))
                .isNotEqualTo(ReadModelDigest.canonical(Map.of("b", List.of(1, 2))));
    }

    @Test
    void theCanonicalTextTellsAStringFromANumberWithTheSameDigits() {
        assertThat(ReadModelDigest.canonical(Map.of("n", "1"))).isNotEqualTo(ReadModelDigest.canonical(Map.of("n", 1)));
        assertThat(ReadModelDigest.canonical(Map.of("n", "1"))).isEqualTo("{n=String:1;}");
    }
}
