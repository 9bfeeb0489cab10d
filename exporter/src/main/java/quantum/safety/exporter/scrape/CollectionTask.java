package quantum.safety.exporter.scrape;

import java.util.List;

import quantum.safety.exporter.collect.Deadline;

/** Fills one {@link CollectionRun}; must always end by calling {@link CollectionRun#complete()}. */
public interface CollectionTask {

    /** The collectors whose results the collection will hold, in order. */
    List<String> collectorNames();

    void run(CollectionRun collection, Deadline deadline);
}
