package io.chariot.consistency;

/**
 * Read models being rebuilt in place: their store was cleared and is refilled from the event store, so their reads
 * are knowingly incomplete until the rebuild ends, and they apply live events only after it. A write does not wait
 * for them (it would wait out the whole rebuild and answer 503); it names them in its {@code Chariot-Not-Awaited}
 * header instead. Blue-green rebuilds keep the live model serving and are not listed.
 */
@FunctionalInterface
public interface RebuildsInPlace {

    /** Nothing is being rebuilt in place (a process without read models). */
    RebuildsInPlace NONE = processingGroup -> false;

    boolean inProgress(String processingGroup);
}
