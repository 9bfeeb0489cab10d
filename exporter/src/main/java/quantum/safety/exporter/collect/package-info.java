/**
 * One collector per Redis concern (SAFE MODE, kill switch, faults, rate windows, trade intents, kernel statistics),
 * each queuing its reads on the scrape's shared pipeline and turning the replies into fresh metric snapshots, with
 * the helpers they share (stream paging, the scrape {@link quantum.safety.exporter.collect.Deadline}).
 */
package quantum.safety.exporter.collect;
