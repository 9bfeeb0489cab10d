package quantum.safety.cli.ctl;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import quantum.safety.web.audit.TimeBound;

/** {@code --since} and {@code --until}: a duration ago or an RFC 3339 timestamp; anything else exits 2 naming both. */
final class TimeBoundConverter implements ITypeConverter<TimeBound> {

    @Override
    public TimeBound convert(String value) {
        try {
            return TimeBound.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
