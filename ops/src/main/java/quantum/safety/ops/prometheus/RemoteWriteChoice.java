package quantum.safety.ops.prometheus;

import java.util.Optional;

/**
 * Which remote_write entry an install wants, and where that came from, so the plan can say why the entry is added,
 * kept or taken out. An install without any {@code --remote-write.*} flag keeps the entry the install in place
 * recorded (an operator re-running install to upgrade the bundle must not lose the long-term store by leaving the
 * flags out); {@code --remote-write.url=none} is the one way to take it out on purpose.
 *
 * @param entry  the entry to install; empty: none, and the one an earlier install added is taken out
 * @param origin how the choice was made
 * @param from   for {@link Origin#KEPT}, the install it was recorded by, in words; else empty
 */
public record RemoteWriteChoice(Optional<RemoteWrite> entry, Origin origin, String from) {

    /** How an install came by its remote write. */
    public enum Origin {
        /** The {@code --remote-write.*} flags (or their env twins) named it. */
        GIVEN,
        /** {@code --remote-write.url=none}: no entry, on purpose. */
        TAKEN_OUT,
        /** No flag, and no install in place recorded one (or it has not been looked up yet). */
        NOT_GIVEN,
        /** No flag: the entry the install in place recorded, in {@code from}. */
        KEPT
    }

    /** No flag given; the installer looks for the entry the install in place recorded. */
    public static final RemoteWriteChoice NOT_GIVEN = new RemoteWriteChoice(Optional.empty(), Origin.NOT_GIVEN, "");
    /** {@code --remote-write.url=none}. */
    public static final RemoteWriteChoice TAKEN_OUT = new RemoteWriteChoice(Optional.empty(), Origin.TAKEN_OUT, "");

    /** Rejects an entry without the origin that wants one, and the reverse. */
    public RemoteWriteChoice {
        boolean wantsEntry = origin == Origin.GIVEN || origin == Origin.KEPT;
        if (entry.isPresent() != wantsEntry) {
            throw new IllegalArgumentException("remote write " + origin + (wantsEntry ? " needs" : " takes no") + " entry");
        }
        from = from == null ? "" : from;
    }

    /** The entry the flags name. */
    public static RemoteWriteChoice given(RemoteWrite entry) {
        return new RemoteWriteChoice(Optional.of(entry), Origin.GIVEN, "");
    }

    /** The entry recorded by an earlier install, {@code from} naming it (e.g. "the install of 2026-01-19 03:44:18"). */
    public static RemoteWriteChoice kept(RemoteWrite entry, String from) {
        return new RemoteWriteChoice(Optional.of(entry), Origin.KEPT, from);
    }

    /** For the plan: why this install has the entry it has, e.g. "kept from the install of …". */
    public String why() {
        return switch (origin) {
            case GIVEN -> "given by " + RemoteWriteInput.URL;
            case KEPT -> "kept from " + from + "; " + RemoteWriteInput.URL + "=" + RemoteWriteInput.NONE
                    + " takes it out";
            case TAKEN_OUT -> RemoteWriteInput.URL + "=" + RemoteWriteInput.NONE + " takes it out";
            case NOT_GIVEN -> "this install has no " + RemoteWriteInput.URL + " and no install in place recorded one; "
                    + "give the --remote-write.* flags to keep it";
        };
    }
}
