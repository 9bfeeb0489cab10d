/**
 * How a scrape gets its data: the {@link quantum.safety.exporter.scrape.ScrapeCoordinator} shares one in-flight
 * {@link quantum.safety.exporter.scrape.CollectionRun} among concurrent scrapes (single flight), each scrape waits
 * until its own deadline, and {@link quantum.safety.exporter.scrape.ExporterCollector} turns what finished into the
 * {@code /metrics} families plus the exporter's own. Time is read on an injected nano clock.
 */
package quantum.safety.exporter.scrape;
