package quantum.safety.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class GapCheckTest {

    private static final StreamId DELIVERED = new StreamId(1000, 0);

    private static StreamSnapshot redis7(long first, long length, long added, long read) {
        return new StreamSnapshot(List.of(), Optional.of(new StreamId(first, 0)), length, OptionalLong.of(added),
                OptionalLong.of(read), DELIVERED, OptionalLong.empty(), 0);
    }

    private static StreamSnapshot redis62(long first) {
        return new StreamSnapshot(List.of(), Optional.of(new StreamId(first, 0)), 10, OptionalLong.empty(),
                OptionalLong.empty(), DELIVERED, OptionalLong.empty(), 0);
    }

    @Test
    void onRedis7TheEntriesTrimmedUnreadAreCountedExactly() {
        // 100 added, 20 left, the group read 50: 80 removed, 30 of them unread
        assertThat(GapCheck.of(redis7(2000, 20, 100, 50), StreamId.ZERO))
                .contains(new GapCheck(DELIVERED, new StreamId(2000, 0), 30, true));
    }

    @Test
    void noGapWhileTheStreamStillHoldsWhatFollowsTheLastDelivered() {
        assertThat(GapCheck.of(redis7(900, 20, 100, 85), StreamId.ZERO)).isEmpty();
        assertThat(GapCheck.of(redis7(2000, 20, 100, 80), StreamId.ZERO)).as("trimmed exactly to what was read")
                .isEmpty();
        assertThat(GapCheck.of(redis62(900), new StreamId(500, 0))).isEmpty();
    }

    @Test
    void onRedis62AFirstEntryNewerThanTheLastKnownIsAPossibleGapOfUnknownSize() {
        assertThat(GapCheck.of(redis62(2000), StreamId.ZERO))
                .contains(new GapCheck(DELIVERED, new StreamId(2000, 0), 0, false));
        StreamSnapshot fresh = new StreamSnapshot(List.of(), Optional.of(new StreamId(2000, 0)), 10,
                OptionalLong.empty(), OptionalLong.empty(), StreamId.ZERO, OptionalLong.empty(), 0);
        assertThat(GapCheck.of(fresh, StreamId.ZERO)).as("a first start: nothing was archived before").isEmpty();
        assertThat(GapCheck.of(fresh, new StreamId(1500, 0))).as("a recreated group after the archive's last")
                .contains(new GapCheck(new StreamId(1500, 0), new StreamId(2000, 0), 0, false));
    }

    @Test
    void anEmptyStreamHasNoGap() {
        StreamSnapshot empty = new StreamSnapshot(List.of(), Optional.empty(), 0, OptionalLong.of(100),
                OptionalLong.of(10), DELIVERED, OptionalLong.empty(), 0);
        assertThat(GapCheck.of(empty, StreamId.ZERO)).isEmpty();
    }
}
