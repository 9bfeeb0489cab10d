package quantum.safety.exporter.collect;

import java.util.List;

/** The exporter's collectors, cheapest first: a scrape cut short by its deadline keeps the ones that finished. */
public final class StandardCollectors {

    private StandardCollectors() {
    }

    public static List<RedisCollector> create(int faultsTopSymbols, boolean top5Info) {
        return List.of(new SafeModeCollector(), new KillSwitchCollector(), new KernelStatsCollector(),
                new KernelSettingsCollector(), new FaultsCollector(faultsTopSymbols), new TradeIntentsCollector(), new RateWindowCollector(top5Info));
    }
}
