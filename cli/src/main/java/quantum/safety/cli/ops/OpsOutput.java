package quantum.safety.cli.ops;

import quantum.safety.ops.OpsResult;
import quantum.safety.ops.event.OpsListener;

/**
 * Where an ops command's events go on their way to a person or a script, and how the command ended: with a result
 * (exit code and one-line summary), or stopped by an exception, which goes on to the error handler (one line on
 * stderr and the exit code).
 */
interface OpsOutput extends OpsListener {

    void finished(OpsResult result);

    void stopped(RuntimeException e);
}
