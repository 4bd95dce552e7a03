-- Challenges of nodes without a GPU (docs/protocol.md section 10, "Nodes without a GPU"): the agent computes on its
-- OpenCL device (gpu_index NULL), and passing verifies the node without giving it a score (a CPU is never priced).
ALTER TABLE benchmark_challenges ALTER COLUMN gpu_index DROP NOT NULL;
ALTER TABLE benchmark_challenges ALTER COLUMN score DROP NOT NULL;
ALTER TABLE benchmark_challenges ADD CONSTRAINT benchmark_challenges_gpu_scored
    CHECK ((gpu_index IS NULL) = (score IS NULL));
