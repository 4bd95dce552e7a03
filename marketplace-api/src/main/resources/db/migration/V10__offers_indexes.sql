-- The offers' sort indexes carry the filter columns too (issue 5, docs/benchmarks.md "Offers query").
--
-- A filter that few listed nodes pass (a model nobody offers with that much VRAM, all five filters at once) used to
-- walk a sort index fetching each node's wide row (about 2 KB: the reports are inline) to test it: up to 85,000
-- heap fetches, 55-230 ms at 100,000 nodes. With the filter columns in the index, btree tests them on the index
-- entry (an "Index Cond", not a "Filter") and fetches only the rows that pass, so the worst case is one pass over an
-- index of about 10 MB. They are key columns, not INCLUDE, because btree tests quals in the index only on key
-- columns in a plain index scan; and a plain index scan, unlike an index-only one, does not depend on the
-- visibility map, which the heartbeats (a row update per node every 15 s) keep clearing.
--
-- The model filter matches these indexes as lower(gpu_model) = ANY(the listed models containing the substring),
-- which OfferService resolves first through nodes_offers_model; a LIKE could not be tested in the index.
--
-- Cost: the same number of indexes on nodes as before (each replaces its V5 namesake), so a heartbeat's update still
-- adds one entry to each, but a wider one (about 100 bytes instead of 40-60). Measured at 100,000 nodes (85,268
-- listed) after the reliability job had rewritten every row once: 20-22 MB each instead of 6-9 MB, all indexes on
-- nodes 184 MB instead of 133 MB; built fresh, 8.5 MB (nodes_offers_unit). Only listed nodes have entries.
DROP INDEX nodes_offers_price;
DROP INDEX nodes_offers_unit;
DROP INDEX nodes_offers_score;
DROP INDEX nodes_offers_reliability;
CREATE INDEX nodes_offers_price ON nodes (price_per_gpu_hour, id, lower(gpu_model), vram_mib, benchmark_score,
    reliability) WHERE listed;
CREATE INDEX nodes_offers_unit ON nodes (price_per_unit, id, lower(gpu_model), vram_mib, benchmark_score,
    price_per_gpu_hour, reliability) WHERE listed;
CREATE INDEX nodes_offers_score ON nodes (benchmark_score DESC, id, lower(gpu_model), vram_mib, price_per_gpu_hour,
    reliability) WHERE listed;
CREATE INDEX nodes_offers_reliability ON nodes (reliability DESC NULLS LAST, id, lower(gpu_model), vram_mib,
    benchmark_score, price_per_gpu_hour) WHERE listed;

-- Per-model row counts for the planner: without them it guesses 0.5% of the rows per model (the expression's
-- statistics of the partial nodes_offers_model are not used for the table), which picks bad plans for models that
-- are common or absent. Statistics cost ANALYZE time only, nothing per write.
CREATE STATISTICS nodes_gpu_model_lower ON (lower(gpu_model)) FROM nodes;
