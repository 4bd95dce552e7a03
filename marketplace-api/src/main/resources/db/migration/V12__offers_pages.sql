-- The offers' sort indexes carry gpu_count too (docs/benchmarks.md "Offers query", deep offsets).
--
-- An offset page (page x size, up to 10,000) is read as the cursor range after the last skipped offer, which
-- OfferService finds by walking the order's index: the walk needs each skipped node's sort key, id, filter columns
-- (all in these indexes since V10) and gpu_count, to tell a node whose GPUs are all taken by its active jobs (not an
-- offer, so not counted). With gpu_count here the walk is an index-only scan: on all-visible pages it fetches no
-- node row (2 KB each, the reports inline; the table is three times shared_buffers at 100,000 nodes), where OFFSET
-- fetched every skipped row. Measured at 100,000 nodes (psql, warm): offset 5,000 6 ms instead of 12, offset 10,000
-- 12 ms instead of 25-32; what remains is the probe of each skipped node's active jobs (about 1 us a node). A model
-- filter still fetches the rows it walks (btree returns no expression columns in an index-only scan), as do pages
-- the visibility map does not mark all-visible: heartbeats rewrite node rows and clear it until autovacuum sets it
-- again.
--
-- INCLUDE, not a key column: nothing tests or orders by it in the index. Cost: 4 bytes more per entry (all indexes
-- on nodes 186 MB instead of 184 MB in the benchmark).
DROP INDEX nodes_offers_price;
DROP INDEX nodes_offers_unit;
DROP INDEX nodes_offers_score;
DROP INDEX nodes_offers_reliability;
CREATE INDEX nodes_offers_price ON nodes (price_per_gpu_hour, id, lower(gpu_model), vram_mib, benchmark_score,
    reliability) INCLUDE (gpu_count) WHERE listed;
CREATE INDEX nodes_offers_unit ON nodes (price_per_unit, id, lower(gpu_model), vram_mib, benchmark_score,
    price_per_gpu_hour, reliability) INCLUDE (gpu_count) WHERE listed;
CREATE INDEX nodes_offers_score ON nodes (benchmark_score DESC, id, lower(gpu_model), vram_mib, price_per_gpu_hour,
    reliability) INCLUDE (gpu_count) WHERE listed;
CREATE INDEX nodes_offers_reliability ON nodes (reliability DESC NULLS LAST, id, lower(gpu_model), vram_mib,
    benchmark_score, price_per_gpu_hour) INCLUDE (gpu_count) WHERE listed;
