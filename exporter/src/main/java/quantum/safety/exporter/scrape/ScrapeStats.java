package quantum.safety.exporter.scrape;

import java.util.concurrent.atomic.AtomicLong;

/** The exporter's own counters, process-local like any counter (they restart at 0 with the process). */
public final class ScrapeStats {

    final AtomicLong collections = new AtomicLong();
    final AtomicLong failedCollections = new AtomicLong();
    final AtomicLong deadlineExceeded = new AtomicLong();

    public long collections() {
        return collections.get();
    }

    public long failedCollections() {
        return failedCollections.get();
    }

    public long deadlineExceeded() {
        return deadlineExceeded.get();
    }
}
