-- The archive of the kernel's fault and audit streams: one row per stream entry, keyed by the stream and the
-- entry's id exactly (milliseconds and sequence), so that a redelivered entry is recognised and skipped.
-- event_time is the id's time; it is part of the key because PostgreSQL partitions and TimescaleDB chunks by it
-- (a unique key must include the partitioning column). kind/reason/symbol/actor are what readers filter on, null
-- when the entry did not decode (valid = false); fields holds the entry exactly as written, whatever it decoded to.
--
-- TimescaleDB when the database has it (or may create it): a hypertable of monthly chunks. Otherwise a table
-- partitioned by month: the archiver creates the coming months' partitions, and the default partition takes
-- anything else (backfilled history, a clock far off), so an insert never fails for want of a partition.
DO $$
DECLARE
  timescale boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
BEGIN
  IF NOT timescale AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS timescaledb;
      timescale := true;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'timescaledb is available but cannot be created here (%): plain partitions instead', SQLERRM;
    END;
  END IF;

  IF timescale THEN
    CREATE TABLE events (
      stream      text        NOT NULL CHECK (stream IN ('fault', 'audit')),
      id_ms       bigint      NOT NULL,
      id_seq      bigint      NOT NULL,
      event_time  timestamptz NOT NULL,
      kind        text,
      reason      text,
      symbol      text,
      actor       text,
      valid       boolean     NOT NULL,
      fields      jsonb       NOT NULL,
      archived_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (stream, id_ms, id_seq, event_time)
    );
    PERFORM create_hypertable('events', 'event_time', chunk_time_interval => interval '1 month');
  ELSE
    CREATE TABLE events (
      stream      text        NOT NULL CHECK (stream IN ('fault', 'audit')),
      id_ms       bigint      NOT NULL,
      id_seq      bigint      NOT NULL,
      event_time  timestamptz NOT NULL,
      kind        text,
      reason      text,
      symbol      text,
      actor       text,
      valid       boolean     NOT NULL,
      fields      jsonb       NOT NULL,
      archived_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (stream, id_ms, id_seq, event_time)
    ) PARTITION BY RANGE (event_time);
    CREATE TABLE events_default PARTITION OF events DEFAULT;
  END IF;
END
$$;

-- The reader's queries: a stream's events in a time range, newest or oldest first, optionally by symbol or reason.
CREATE INDEX events_stream_time ON events (stream, event_time, id_ms, id_seq);
CREATE INDEX events_symbol_time ON events (symbol, event_time) WHERE symbol IS NOT NULL;
CREATE INDEX events_reason_time ON events (reason, event_time) WHERE reason IS NOT NULL;
