package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EventDecoderTest {

    @Test
    void aKernelFaultDecodesIntoItsColumns() {
        ArchivedEvent e = EventDecoder.decode(ArchiveStream.FAULT, "1768784108123-4", Map.of("reason",
                "symbol_rate_exceeded", "symbol", "BTCUSDT", "kernel_id", "k1", "timestamp", "1768784108"));
        assertThat(e.valid()).isTrue();
        assertThat(e.id()).isEqualTo(new StreamId(1768784108123L, 4));
        assertThat(e.time().toEpochMilli()).isEqualTo(1768784108123L);
        assertThat(e).extracting(ArchivedEvent::kind, ArchivedEvent::reason, ArchivedEvent::symbol, ArchivedEvent::actor)
                .containsExactly("FAULT", "symbol_rate_exceeded", "BTCUSDT", "kernel:k1");
    }

    @Test
    void whatIsNotTheStreamsEventIsKeptRawAndInvalid() {
        assertThat(EventDecoder.decode(ArchiveStream.FAULT, "1-0", Map.of("symbol", "X")).valid()).isFalse();
        assertThat(EventDecoder.decode(ArchiveStream.AUDIT, "1-0", Map.of("event", "REBOOT", "actor", "a")).valid())
                .isFalse();
        assertThat(EventDecoder.decode(ArchiveStream.AUDIT, "1-0", Map.of("event", "KILL_ON")).valid())
                .as("no actor").isFalse();
        ArchivedEvent nul = EventDecoder.decode(ArchiveStream.AUDIT, "1-0", Map.of("event", "KILL_ON", "actor",
                "a\u0000b"));
        assertThat(nul.valid()).isFalse();
        assertThat(nul.fields()).containsEntry("actor", "a\uFFFDb");
        assertThat(nul.kind()).isNull();
    }

    @Test
    void fieldsBecomeAJsonObjectWithEveryCharacterEscapedAsJsonNeeds() {
        assertThat(JsonObject.of(new java.util.LinkedHashMap<>(Map.of("k", "q\"b\\n\nt\t\u0001"))))
                .isEqualTo("{\"k\":\"q\\\"b\\\\n\\nt\\t\\u0001\"}");
    }
}
