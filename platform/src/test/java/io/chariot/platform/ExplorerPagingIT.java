package io.chariot.platform;

import io.chariot.query.explorer.EventExplorer;
import io.chariot.query.explorer.ExplorerProperties;
import io.chariot.query.explorer.access.ExplorerAccess;
import io.chariot.query.explorer.store.Cursor;
import io.chariot.query.explorer.store.EventFilter;
import io.chariot.query.explorer.store.EventStoreReader;
import io.chariot.query.explorer.travel.AggregateReplay;
import io.chariot.query.explorer.view.EventView;
import io.chariot.query.explorer.view.EventViews;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through 100,000 events: every page of a filter is a keyset seek on an index, so the 200th page is read the
 * way the first is, and following the pages back in time (or forward) yields every event of the filter exactly
 * once, in order. The events live in a copy of the event store table (same columns, same indexes) in a schema of
 * its own, read through the explorer's own reader and service: synthetic events in the live table would flow to
 * Kafka, the projections and every other test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerPagingIT extends PlatformIntegrationTest {

    static final int EVENTS = 100_000;
    static final String SCHEMA = "explorer_paging_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    JdbcTemplate live;
    @Autowired
    EventViews views;
    @Autowired
    ExplorerAccess access;
    @Autowired
    AggregateReplay replay;
    @Autowired
    ExplorerProperties properties;

    JdbcTemplate copy;
    EventExplorer explorer;

    @BeforeAll
    void fillACopyOfTheEventStore() {
        long started = System.nanoTime();
        live.execute("CREATE SCHEMA " + SCHEMA);
        live.execute("CREATE TABLE " + SCHEMA + ".domainEventEntry (LIKE public.domainEventEntry INCLUDING ALL)");
        // tenant a gets 3 of 5 events, tenant b 2 of 5; 7 users; event types by i % 4; correlation ids per 10
        live.update("INSERT INTO " + SCHEMA + ".domainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, "
                + "type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                + "SELECT i, (CASE WHEN i % 5 < 3 THEN 'a@p.test' ELSE 'b@p.test' END) || '#asset#p#' || (i / 100), "
                + "i % 100, 'Asset', 'e-' || i, convert_to(json_build_object('traceId', 'c-' || (i / 10), "
                + "'correlationId', 'k-' || (i / 2))::text, 'UTF8'), convert_to(json_build_object('tenant', "
                + "CASE WHEN i % 5 < 3 THEN 'a@p.test' ELSE 'b@p.test' END, 'by', 'u' || (i % 7) || '@p.test', "
                + "'key', '#asset#p#' || (i / 100))::text, 'UTF8'), NULL, "
                + "'io.chariot.api.asset.AssetEvents$' || (ARRAY['AssetDiscovered','AssetStatusChanged',"
                + "'AttributeAdded','AssetDeleted'])[i % 4 + 1], "
                + "to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "FROM generate_series(1, ?) AS i", EVENTS);
        live.execute("ANALYZE " + SCHEMA + ".domainEventEntry");
        System.out.printf("EXPLORER | %,d events with the explorer's indexes written in %.1f s%n", EVENTS,
                (System.nanoTime() - started) / 1e9);
        String url = endpoints().postgresJdbcUrl();
        DriverManagerDataSource source = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?")
                + "currentSchema=" + SCHEMA + ",public", endpoints().postgresUser(), endpoints().postgresPassword());
        copy = new JdbcTemplate(source);
        explorer = new EventExplorer(new EventStoreReader(copy), views, access, replay, properties);
    }

    @AfterAll
    void dropTheCopy() {
        live.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void pagingBackThroughATenantsSixtyThousandEventsYieldsEachOnceNewestFirst() {
        EventFilter tenantA = EventFilter.tenant("a@p.test");
        List<Long> positions = new ArrayList<>();
        Long before = null;
        int pages = 0;
        long started = System.nanoTime();
        do {
            EventExplorer.Page page = explorer.page(tenantA, new Cursor(before, null, 500), false);
            page.events().forEach(e -> positions.add(e.position()));
            before = page.nextBefore();
            pages++;
        } while (before != null);
        System.out.printf("EXPLORER | %d pages of 500 of one tenant's %,d events in %.0f ms (%.1f ms a page)%n", pages,
                positions.size(), (System.nanoTime() - started) / 1e6, (System.nanoTime() - started) / 1e6 / pages);

        List<Long> expected = new ArrayList<>();
        for (long i = EVENTS; i >= 1; i--) {
            if (i % 5 < 3) {
                expected.add(i);
            }
        }
        assertThat(pages).isEqualTo(120);
        assertThat(positions).hasSize(60_000).isEqualTo(expected);
    }

    @Test
    void combinedFiltersPageForwardAndBackToTheSameEvents() {
        EventFilter filter = new EventFilter("b@p.test", "Asset", null, "AssetStatusChanged", null, null,
                "u3@p.test", null, null);
        List<Long> back = new ArrayList<>();
        Long before = null;
        do {
            EventExplorer.Page page = explorer.page(filter, new Cursor(before, null, 97), false);
            page.events().forEach(e -> {
                assertThat(e.tenant()).isEqualTo("b@p.test");
                assertThat(e.by()).isEqualTo("u3@p.test");
                assertThat(e.type()).isEqualTo("AssetStatusChanged");
                back.add(e.position());
            });
            before = page.nextBefore();
        } while (before != null);
        List<Long> forward = new ArrayList<>();
        Cursor cursor = Cursor.fromStart(97);
        while (true) {
            List<EventView> events = explorer.page(filter, cursor, false).events();
            events.forEach(e -> forward.add(e.position()));
            if (events.size() < 97) {
                break;
            }
            cursor = new Cursor(null, events.get(events.size() - 1).position(), 97);
        }
        // i % 5 >= 3, i % 4 == 1, i % 7 == 3: one in 70 of the 100,000
        assertThat(back).hasSizeBetween(EVENTS / 70, EVENTS / 70 + 1).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        List<Long> oldestFirst = new ArrayList<>(back);
        Collections.reverse(oldestFirst);
        assertThat(forward).isEqualTo(oldestFirst);
    }

    @Test
    void everyFilterIsAnIndexSeekWithoutASortEvenDeepInTheStream() {
        List<EventFilter> filters = List.of(EventFilter.tenant("a@p.test"),
                new EventFilter("a@p.test", null, null, "AssetDeleted", null, null, null, null, null),
                new EventFilter(null, null, null, "AssetDeleted", null, null, null, null, null),
                new EventFilter("b@p.test", "Asset", null, null, null, null, null, null, null),
                new EventFilter(null, null, null, null, null, null, "u5@p.test", null, null),
                new EventFilter(null, null, null, null, null, null, null, "c-4242", null),
                new EventFilter(null, null, null, null, null, null, null, null, "k-4242"));
        for (EventFilter filter : filters) {
            List<Object> args = new ArrayList<>();
            String sql = EventStoreReader.pageSql(filter, new Cursor(20_000L, null, 51), false, args);
            String plan = String.join("\n", copy.queryForList("EXPLAIN " + sql, String.class, args.toArray()));
            assertThat(plan).as(filter + "\n" + plan).contains("Index").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
        }
        // one aggregate's events come off Axon's own (aggregate, sequence) index; sorting them is bounded by one
        // record's history
        List<Object> args = new ArrayList<>();
        String sql = EventStoreReader.pageSql(new EventFilter("a@p.test", null, "a@p.test#asset#p#500", null, null,
                null, null, null, null), new Cursor(null, null, 51), false, args);
        String plan = String.join("\n", copy.queryForList("EXPLAIN " + sql, String.class, args.toArray()));
        assertThat(plan).contains("aggregateidentifier_sequencenumber").doesNotContain("Seq Scan");
    }
}
