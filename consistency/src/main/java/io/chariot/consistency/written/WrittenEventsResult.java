package io.chariot.consistency.written;

import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.List;

/**
 * A command's result whose metadata names the events the command stored. The list is filled while the unit of
 * work commits, after this result was created, so the metadata is read from it whenever it is asked for — by the
 * sender's callback, or by a distributed bus serialising the result, both after the commit.
 */
final class WrittenEventsResult<R> extends GenericCommandResultMessage<R> {

    private final transient List<WrittenEvent> written;

    WrittenEventsResult(R result, List<WrittenEvent> written) {
        super(result);
        this.written = written;
    }

    @Override
    public MetaData getMetaData() {
        MetaData metaData = super.getMetaData();
        return written == null || written.isEmpty() ? metaData : metaData.mergedWith(WrittenEvents.asMetaData(written));
    }

    /**
     * What a distributed command bus puts on the wire (Axon's {@code ReplyMessage}); the inherited one serialises
     * the wrapped message's metadata, which never held the list, so the sender would learn of no events.
     */
    @Override
    public <S> SerializedObject<S> serializeMetaData(Serializer serializer, Class<S> expectedRepresentation) {
        return serializer.serialize(getMetaData(), expectedRepresentation);
    }
}
