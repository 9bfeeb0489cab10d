package quantum.safety.state;

import quantum.safety.kernel.RedisSchema;

/** One legacy per-symbol counter, {@code <prefix>safety:rate:symbol:<SYMBOL>:<bucket>}, taken apart. */
record LegacyCounterKey(String symbol, long bucket) {

    /** What every legacy counter key starts with: {@code <prefix>safety:rate:symbol:}. */
    static String head(RedisSchema schema) {
        String pattern = schema.symbolRatePattern(0);
        return pattern.substring(0, pattern.indexOf('*'));
    }

    /** The symbol and bucket of {@code key}, or null when it is not a counter under {@code head}. */
    static LegacyCounterKey parse(String head, String key) {
        int colon = key.lastIndexOf(':');
        if (!key.startsWith(head) || colon <= head.length()) {
            return null;
        }
        try {
            return new LegacyCounterKey(key.substring(head.length(), colon), Long.parseLong(key.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
