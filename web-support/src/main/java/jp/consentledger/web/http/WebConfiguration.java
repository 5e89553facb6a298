package jp.consentledger.web.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The ledger stores UTC instants and shows them with the bank's offset (+09:00 unless configured). */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer displayInstantsWithOffset(@Value("${ledger.display-offset:+09:00}") String offset) {
        DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.of(offset));
        return builder -> builder.serializerByType(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                // An event recorded before the ledger bounded its instants may hold one that no offset can show
                // (Instant.MAX moved by +09:00 leaves the calendar): it is shown in UTC rather than failing the answer.
                String shown;
                try {
                    shown = format.format(value);
                } catch (DateTimeException e) {
                    shown = value.toString();
                }
                gen.writeString(shown);
            }
        });
    }

    /** A field named twice is refused (400 DUPLICATE_FIELD), never silently read as its last value. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer duplicateFieldsAreRefused() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** A number or boolean where the API takes text is malformed input (400), not text by another name. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer textIsNeverCoerced() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
