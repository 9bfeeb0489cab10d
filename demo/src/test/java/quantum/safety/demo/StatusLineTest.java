package quantum.safety.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quantum.safety.kernel.FlagState;

class StatusLineTest {

    private static final FlagState ON = FlagState.ofValue("1");
    private static final FlagState OFF = FlagState.ABSENT;

    private static DemoStatus tripped() {
        Map<String, Long> decisions = new LinkedHashMap<>();
        decisions.put("OK", 40L);
        decisions.put("SYMBOL_RATE_EXCEEDED", 1L);
        return new DemoStatus(ON, 17, "SYMBOL_RATE_EXCEEDED", OFF, decisions, 1,
                List.of(Map.entry("SOLUSDT", 11L), Map.entry("BTCUSDT", 3L)), "5s 30/10 (kernel demo)");
    }

    @Test
    void theLineSaysSafeModeWithTtlDecisionsFaultsAndTopSymbols() {
        assertThat(StatusLine.format(tripped()))
                .contains("SAFE MODE ON (ttl 17s, SYMBOL_RATE_EXCEEDED)", "decisions OK=40 SYMBOL_RATE_EXCEEDED=1",
                        "faults 1", "limits 5s 30/10 (kernel demo)", "top SOLUSDT:11 BTCUSDT:3");
        assertThat(StatusLine.format(new DemoStatus(ON, -1, "", ON, Map.of(), 0, List.of(), "10s 20/5")))
                .contains("SAFE MODE ON (latched)", "KILL SWITCH ON", "decisions none", "top (none counted this window)");
    }

    @Test
    void anOddFlagIsOnAndTheLineSaysWhy() {
        String line = StatusLine.format(new DemoStatus(FlagState.ofValue("true"), -1, "", FlagState.ofWrongType("hash"),
                Map.of(), 0, List.of(), "10s 20/5"));
        assertThat(line).contains("SAFE MODE ON (latched, on (holds 'true', which is not 0 or 1; only absent or 0 is off))",
                "KILL SWITCH ON (on (holds a hash, not a string; only absent or 0 is off))");
    }

    @Test
    void aTerminalGetsOneLineRewrittenInPlaceAPipeGetsPlainLines() {
        StringWriter tty = new StringWriter();
        StatusLine inPlace = new StatusLine(new PrintWriter(tty), true);
        inPlace.show(tripped());
        inPlace.show(tripped());
        inPlace.finish();
        assertThat(tty.toString()).startsWith("\r\u001b[2K").doesNotContain("\n\r").endsWith(System.lineSeparator())
                .containsOnlyOnce(System.lineSeparator());

        StringWriter pipe = new StringWriter();
        StatusLine plain = new StatusLine(new PrintWriter(pipe), false);
        plain.show(tripped());
        plain.show(tripped());
        plain.finish();
        assertThat(pipe.toString()).doesNotContain("\r\u001b");
        assertThat(pipe.toString().lines()).hasSize(2);
    }
}
