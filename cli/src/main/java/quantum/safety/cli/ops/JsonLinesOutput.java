package quantum.safety.cli.ops;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import quantum.safety.kernel.FailureWords;
import quantum.safety.ops.OpsResult;
import quantum.safety.ops.event.OpsEvent;

/**
 * {@code --json}: one JSON object per line, written and flushed as each event happens, so a script can follow a
 * long install and react to a line, and still read the outcome from the last one. Each object is the event's
 * fields (paths as plain strings, absent values left out) after {@code "event"}, the event's name.
 */
final class JsonLinesOutput implements OpsOutput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final PrintWriter out;

    JsonLinesOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(OpsEvent event) {
        write(event.getClass().getSimpleName(), JSON.valueToTree(event));
    }

    @Override
    public void finished(OpsResult result) {
        write("Finished", JSON.createObjectNode().put("exitCode", result.exitCode()).put("summary", result.summary()));
    }

    @Override
    public void stopped(RuntimeException e) {
        write("Stopped", JSON.createObjectNode().put("error", FailureWords.of(e)));
    }

    private void write(String name, ObjectNode fields) {
        ObjectNode line = JSON.createObjectNode().put("event", name);
        line.setAll(fields);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + name + " as JSON", e);
        }
        out.flush();
    }
}
