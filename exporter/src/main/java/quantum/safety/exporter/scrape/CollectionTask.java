package quantum.safety.exporter.scrape;

import java.util.List;

import quantum.safety.exporter.collect.Deadline;

/** Fills one {@link Collection}; must always end by calling {@link Collection#complete()}. */
public interface CollectionTask {

    /** The collectors whose results the collection will hold, in order. */
    List<String> collectorNames();

    void run(Collection collection, Deadline deadline);
}
