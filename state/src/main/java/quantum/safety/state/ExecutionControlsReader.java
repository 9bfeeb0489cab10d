package quantum.safety.state;

import quantum.safety.kernel.FlagState;
import quantum.safety.kernel.RedisSchema;
import redis.clients.jedis.AbstractPipeline;

/** Reads {@link ExecutionControls}: TYPE and GET of the kill switch, the execution mode and the governor gate. */
record ExecutionControlsReader(FlagRead kill, StringRead mode, StringRead governor) {

    static ExecutionControlsReader queue(AbstractPipeline pipeline, RedisSchema schema) {
        return new ExecutionControlsReader(FlagRead.queue(pipeline, schema.killSwitch()),
                StringRead.queue(pipeline, schema.executionMode()), StringRead.queue(pipeline, schema.governorGate()));
    }

    ExecutionControls finish() {
        Problems problems = new Problems();
        FlagState killSwitch = kill.state(problems);
        StoredString executionMode = mode.finish(problems);
        StoredString gate = governor.finish(problems);
        ExecutionControls controls = new ExecutionControls(killSwitch, executionMode, gate, problems.lines());
        if (gate.readable() && controls.governorEnabled().isEmpty()) {
            problems.add(governor.key() + " holds neither ENABLED nor DISABLED");
            return new ExecutionControls(killSwitch, executionMode, gate, problems.lines());
        }
        return controls;
    }
}
