// Rigshare benchmark kernels (docs/protocol.md section 10), compiled with -D TS=<tile> -D TK=<tile depth>
// -D WPT=<block>: a work-group of (TS/WPT) x (TS/WPT) work-items computes a TS x TS tile of C = A x B, each
// work-item a WPT x WPT block of it held in registers. Matrices are square, row-major, n a multiple of TS.
//
// Both SGEMM kernels add the products of one element in the same order (k = 0, 1, ... n-1, one fma each), so
// they give bit-identical results; sgemm_local suits GPUs, sgemm_cached CPUs (PoCL), whose caches do the tiling.

#define RTS (TS / WPT)
#define THREADS (RTS * RTS)
#define LOADS ((TS * TK) / THREADS)
// Keeps rows of the A tile 16-byte aligned while spreading its column-wise stores over the local memory banks.
#define PAD 4

__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void sgemm_local(const int n, const __global float* restrict a, const __global float* restrict b,
                 __global float* restrict c) {
  const int tx = get_local_id(0);
  const int ty = get_local_id(1);
  const int col0 = get_group_id(0) * TS;
  const int row0 = get_group_id(1) * TS;
  const int lid = ty * RTS + tx;

  __local float as[TK][TS + PAD];  // the A tile transposed: as[k][row]
  __local float bs[TK][TS];        // the B tile: bs[k][col]

  float acc[WPT][WPT];
  for (int r = 0; r < WPT; r++) {
    for (int q = 0; q < WPT; q++) {
      acc[r][q] = 0.0f;
    }
  }
  float af[WPT];
  float bf[WPT];

  for (int k0 = 0; k0 < n; k0 += TK) {
    for (int l = 0; l < LOADS; l++) {
      const int idx = lid + l * THREADS;
      // Neighbouring work-items read neighbouring addresses: k along an A row, columns along a B row.
      const int ar = idx / TK;
      const int ak = idx % TK;
      as[ak][ar] = a[(row0 + ar) * n + k0 + ak];
      const int bk = idx / TS;
      const int bc = idx % TS;
      bs[bk][bc] = b[(k0 + bk) * n + col0 + bc];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int k = 0; k < TK; k++) {
      for (int r = 0; r < WPT; r++) {
        af[r] = as[k][ty * WPT + r];    // the same for a whole row of work-items: a broadcast
      }
      for (int q = 0; q < WPT; q++) {
        bf[q] = bs[k][tx + q * RTS];    // consecutive work-items, consecutive banks
      }
      for (int r = 0; r < WPT; r++) {
        for (int q = 0; q < WPT; q++) {
          acc[r][q] = fma(af[r], bf[q], acc[r][q]);
        }
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int r = 0; r < WPT; r++) {
    for (int q = 0; q < WPT; q++) {
      c[(row0 + ty * WPT + r) * n + col0 + tx + q * RTS] = acc[r][q];
    }
  }
}

__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void sgemm_cached(const int n, const __global float* restrict a, const __global float* restrict b,
                  __global float* restrict c) {
  const int tx = get_local_id(0);
  const int ty = get_local_id(1);
  const int col0 = get_group_id(0) * TS + tx;
  const int row0 = get_group_id(1) * TS + ty * WPT;

  float acc[WPT][WPT];
  for (int r = 0; r < WPT; r++) {
    for (int q = 0; q < WPT; q++) {
      acc[r][q] = 0.0f;
    }
  }
  float bf[WPT];
  for (int k = 0; k < n; k++) {
    for (int q = 0; q < WPT; q++) {
      bf[q] = b[k * n + col0 + q * RTS];
    }
    for (int r = 0; r < WPT; r++) {
      const float av = a[(row0 + r) * n + k];
      for (int q = 0; q < WPT; q++) {
        acc[r][q] = fma(av, bf[q], acc[r][q]);
      }
    }
  }
  for (int r = 0; r < WPT; r++) {
    for (int q = 0; q < WPT; q++) {
      c[(row0 + r) * n + col0 + q * RTS] = acc[r][q];
    }
  }
}

// The challenge matrices: element `counter` of a matrix is the (counter + 1)-th output of SplitMix64 started at
// `base` (= seed XOR the matrix's domain constant), its top 24 bits u mapped to u / 2^23 - 1, exact in float32.
inline ulong splitmix64_mix(ulong z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
  return z ^ (z >> 31);
}

__kernel void generate(__global float* out, const ulong base, const uint count) {
  const uint counter = get_global_id(0);
  if (counter < count) {
    const ulong h = splitmix64_mix(base + ((ulong) counter + 1UL) * 0x9E3779B97F4A7C15UL);
    out[counter] = (float) ((int) (h >> 40) - 8388608) * (1.0f / 8388608.0f);
  }
}

// STREAM triad over float4s: 3 x 16 bytes move per work-item.
__kernel void triad(__global float4* restrict a, const __global float4* restrict b,
                    const __global float4* restrict c, const float s) {
  const size_t i = get_global_id(0);
  a[i] = b[i] + s * c[i];
}
