package quantum.safety.cli.ops;

import java.util.function.IntSupplier;

import quantum.safety.cli.UsageException;
import quantum.safety.ops.OpsInputException;

/**
 * Where a command hands the operator's input to the ops library: the library's {@link OpsInputException} (a flag, a
 * file, a folder or an address it refused, found before anything changed) becomes a {@link UsageException}, exit 2.
 * Any other exception keeps its type and exits 1.
 */
public final class OpsInput {

    private OpsInput() {
    }

    /** Runs a command's body, converting the ops library's input errors into usage errors. */
    public static int checked(IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (OpsInputException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
