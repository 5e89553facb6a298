package jp.consentledger.serialization;

import jp.consentledger.kernel.json.LedgerJson;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * What both sides agree on about the event store: its table layout (created by the command side's
 * Flyway migrations) and the JSON form of the events in it. The query side only ever reads it.
 */
public final class EventStoreContract {
    private EventStoreContract() {
    }

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(LedgerJson.objectMapper()).build();
    }
}
