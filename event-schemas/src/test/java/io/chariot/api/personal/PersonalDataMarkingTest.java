package io.chariot.api.personal;

import io.chariot.api.PublishedEvents;
import io.chariot.api.account.AccountEvents;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal data is found by pattern: a new event's {@code by} or {@code comment} cannot be left unmarked. */
class PersonalDataMarkingTest {

    /** Who did it and what a person wrote: personal in every event that has them. */
    private static final Set<String> ALWAYS_PERSONAL = Set.of("by", "comment");

    @Test
    void everyByAndEveryCommentOfEveryPublishedEventIsMarkedPersonal() {
        List<String> unmarked = components()
                .filter(c -> ALWAYS_PERSONAL.contains(c.getName()))
                .filter(c -> !c.isAnnotationPresent(PersonalData.class))
                .map(PersonalDataMarkingTest::name)
                .toList();
        assertThat(components().filter(c -> c.getName().equals("by")).count()).as("events with a by").isPositive();
        assertThat(unmarked).as("by/comment components without @PersonalData").isEmpty();
    }

    @Test
    void everyMarkedComponentIsAStringOfARecordWithAStringTenant() {
        List<String> wrong = components()
                .filter(c -> c.isAnnotationPresent(PersonalData.class))
                .filter(c -> c.getType() != String.class || !hasStringTenant(c.getDeclaringRecord()))
                .map(PersonalDataMarkingTest::name)
                .toList();
        assertThat(wrong).as("marked components that are not Strings, or whose record has no String tenant").isEmpty();
    }

    @Test
    void anAccountLinksMemberIsPersonalOnlyWhenItIsAnEmail() throws NoSuchMethodException {
        for (Class<?> link : List.of(AccountEvents.AccountLinked.class, AccountEvents.AccountRoleChanged.class,
                AccountEvents.AccountUnlinked.class)) {
            for (String member : List.of("member", "value")) {
                PersonalData marking = link.getDeclaredMethod(member).getAnnotation(PersonalData.class);
                assertThat(marking).as(link.getSimpleName() + "." + member).isNotNull();
                assertThat(marking.onlyEmails()).as(link.getSimpleName() + "." + member).isTrue();
            }
        }
        assertThat(components().filter(c -> c.getName().equals("tenant") || c.getName().equals("key"))
                .filter(c -> c.isAnnotationPresent(PersonalData.class)).map(PersonalDataMarkingTest::name).toList())
                .as("tenants and keys stay clear").isEmpty();
    }

    private static java.util.stream.Stream<RecordComponent> components() {
        return PublishedEvents.all().stream().flatMap(e -> Arrays.stream(e.getRecordComponents()));
    }

    private static boolean hasStringTenant(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .anyMatch(c -> c.getName().equals("tenant") && c.getType() == String.class);
    }

    private static String name(RecordComponent c) {
        return c.getDeclaringRecord().getSimpleName() + "." + c.getName();
    }
}
