/**
 * Principal component analysis for `<autoencoder-latent>`'s `PCA` view: the linear 2-D projection a linear
 * autoencoder would learn ("if f, g are linear, the AE learns the SVD: same subspace as PCA"). Pure float64
 * TypeScript, no TF.js:
 *
 * 1. the covariance C = Xcᵀ Xc / (n − 1) of the centred rows, never formed: C·Q is computed as Xcᵀ(Xc Q) over each
 *    row's non-zero pixels only (a digit is mostly background);
 * 2. the top eigenvectors of C by subspace iteration on a block of a few more vectors than asked for, with a
 *    Rayleigh–Ritz step (a small symmetric eigenproblem, solved by cyclic Jacobi) every few iterations, so
 *    the top two converge at the rate λ_{block+1}/λ₂ rather than λ₃/λ₂.
 *
 * Each component's sign is fixed so that its largest entry (in size) is positive, so the picture does not flip
 * between runs. Tested against numpy's SVD (autoencoder-latent.pca.fixture.json).
 */

/** The top principal components of a set of rows. */
export interface PrincipalComponents {
  /** The mean row (d values). */
  mean: Float64Array;
  /** Unit vectors (d values each), in decreasing order of variance. */
  components: Float64Array[];
  /** The variance along each component (eigenvalues of the covariance, n − 1 in the denominator). */
  variances: number[];
  /** The total variance (the covariance's trace): `variances[k] / totalVariance` is the share explained. */
  totalVariance: number;
}

/** Eigen-decomposition of a small symmetric matrix (p × p, row-major) by cyclic Jacobi rotations: values descending, vectors as columns. */
export function symmetricEigen(matrix: ArrayLike<number>, p: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix as ArrayLike<number>);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i += 1) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep += 1) {
    let off = 0;
    for (let i = 0; i < p; i += 1) for (let j = i + 1; j < p; j += 1) off += a[i * p + j]! ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i += 1) {
      for (let j = i + 1; j < p; j += 1) {
        const aij = a[i * p + j]!;
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j]! - a[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k += 1) {
          const aki = a[k * p + i]!;
          const akj = a[k * p + j]!;
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k += 1) {
          const aik = a[i * p + k]!;
          const ajk = a[j * p + k]!;
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k += 1) {
          const vki = v[k * p + i]!;
          const vkj = v[k * p + j]!;
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((i, j) => a[j * p + j]! - a[i * p + i]!);
  const vectors = new Float64Array(p * p);
  order.forEach((from, to) => {
    for (let k = 0; k < p; k += 1) vectors[k * p + to] = v[k * p + from]!;
  });
  return { values: order.map((i) => a[i * p + i]!), vectors };
}

/** Orthonormalises the `p` columns of `q` (d × p, row-major: entry (j, c) at j·p + c) in place, modified Gram–Schmidt. */
function orthonormalise(q: Float64Array, d: number, p: number): void {
  for (let c = 0; c < p; c += 1) {
    for (let m = 0; m < c; m += 1) {
      let dot = 0;
      for (let j = 0; j < d; j += 1) dot += q[j * p + c]! * q[j * p + m]!;
      for (let j = 0; j < d; j += 1) q[j * p + c]! -= dot * q[j * p + m]!;
    }
    let norm = 0;
    for (let j = 0; j < d; j += 1) norm += q[j * p + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j += 1) q[j * p + c]! /= norm;
  }
}

/** The rows as a sparse matrix (a digit is mostly background): each row's non-zero columns and values. */
interface SparseRows {
  count: number;
  dimension: number;
  starts: Int32Array;
  columns: Int32Array;
  values: Float64Array;
  mean: Float64Array;
}

function sparseRows(rows: ArrayLike<number>, count: number, dimension: number): SparseRows {
  let nonZero = 0;
  for (let i = 0; i < count * dimension; i += 1) if (rows[i] !== 0) nonZero += 1;
  const starts = new Int32Array(count + 1);
  const columns = new Int32Array(nonZero);
  const values = new Float64Array(nonZero);
  const mean = new Float64Array(dimension);
  let k = 0;
  for (let i = 0; i < count; i += 1) {
    starts[i] = k;
    for (let j = 0; j < dimension; j += 1) {
      const v = rows[i * dimension + j]!;
      if (v === 0) continue;
      columns[k] = j;
      values[k] = v;
      mean[j]! += v;
      k += 1;
    }
  }
  starts[count] = k;
  for (let j = 0; j < dimension; j += 1) mean[j]! /= count;
  return { count, dimension, starts, columns, values, mean };
}

/**
 * C·Q, C the covariance of the rows, Q d × p row-major: Xcᵀ(Xc Q)/(n − 1), Xc = X − 1μᵀ, without forming C or
 * Xc: X Q − 1(μᵀQ), then Xᵀ Y − μ(1ᵀY), touching only the non-zero pixels.
 */
function covarianceTimes(x: SparseRows, q: Float64Array, p: number): Float64Array {
  const { count, dimension: d, starts, columns, values, mean } = x;
  const meanQ = new Float64Array(p);
  for (let j = 0; j < d; j += 1) for (let c = 0; c < p; c += 1) meanQ[c]! += mean[j]! * q[j * p + c]!;
  const y = new Float64Array(count * p);
  const ySum = new Float64Array(p);
  for (let i = 0; i < count; i += 1) {
    for (let k = starts[i]!; k < starts[i + 1]!; k += 1) {
      const v = values[k]!;
      const row = columns[k]! * p;
      for (let c = 0; c < p; c += 1) y[i * p + c]! += v * q[row + c]!;
    }
    for (let c = 0; c < p; c += 1) {
      y[i * p + c]! -= meanQ[c]!;
      ySum[c]! += y[i * p + c]!;
    }
  }
  const z = new Float64Array(d * p);
  for (let i = 0; i < count; i += 1) {
    for (let k = starts[i]!; k < starts[i + 1]!; k += 1) {
      const v = values[k]!;
      const row = columns[k]! * p;
      for (let c = 0; c < p; c += 1) z[row + c]! += v * y[i * p + c]!;
    }
  }
  const scale = 1 / Math.max(1, count - 1);
  for (let j = 0; j < d; j += 1) for (let c = 0; c < p; c += 1) z[j * p + c] = (z[j * p + c]! - mean[j]! * ySum[c]!) * scale;
  return z;
}

/**
 * The top `k` principal components of `count` rows of `dimension` values (row-major). `tolerance` is the
 * relative change of the top eigenvalues between Rayleigh–Ritz steps at which the iteration stops.
 */
export function principalComponents(rows: ArrayLike<number>, count: number, dimension: number, k = 2, tolerance = 1e-12): PrincipalComponents {
  const x = sparseRows(rows, count, dimension);
  const d = dimension;
  let sumOfSquares = 0;
  for (let i = 0; i < x.values.length; i += 1) sumOfSquares += x.values[i]! ** 2;
  let meanSquares = 0;
  for (let j = 0; j < d; j += 1) meanSquares += x.mean[j]! ** 2;
  const totalVariance = (sumOfSquares - count * meanSquares) / Math.max(1, count - 1);
  const p = Math.min(d, k + 4);
  // A fixed, spread-out start (no generator needed: the answer does not depend on it, only the speed).
  let q: Float64Array = new Float64Array(d * p);
  for (let j = 0; j < d; j += 1) for (let c = 0; c < p; c += 1) q[j * p + c] = Math.sin(1 + 0.7 * j * (c + 1) + 0.3 * c) + (j % (c + 2) === 0 ? 0.5 : 0);
  orthonormalise(q, d, p);
  let previous: number[] = [];
  let values: number[] = [];
  for (let iteration = 0; iteration < 1000; iteration += 1) {
    const cq = covarianceTimes(x, q, p);
    if (iteration % 3 !== 2) {
      q = cq;
      orthonormalise(q, d, p);
      continue;
    }
    // Rayleigh–Ritz: the best vectors within span(Q) are Q·V, V the eigenvectors of QᵀCQ.
    const h = new Float64Array(p * p);
    for (let j = 0; j < d; j += 1) for (let a = 0; a < p; a += 1) for (let b = 0; b < p; b += 1) h[a * p + b]! += q[j * p + a]! * cq[j * p + b]!;
    for (let a = 0; a < p; a += 1) for (let b = 0; b < a; b += 1) h[a * p + b] = h[b * p + a] = (h[a * p + b]! + h[b * p + a]!) / 2;
    const eigen = symmetricEigen(h, p);
    const rotated = new Float64Array(d * p);
    for (let j = 0; j < d; j += 1) for (let b = 0; b < p; b += 1) {
      let sum = 0;
      for (let a = 0; a < p; a += 1) sum += q[j * p + a]! * eigen.vectors[a * p + b]!;
      rotated[j * p + b] = sum;
    }
    q = rotated;
    orthonormalise(q, d, p);
    values = eigen.values.slice(0, k);
    const settled = previous.length === k && values.every((value, i) => Math.abs(value - previous[i]!) <= tolerance * Math.max(Math.abs(value), 1e-300));
    previous = values;
    if (settled) break;
  }
  const components = Array.from({ length: k }, (_, c) => {
    const vector = Float64Array.from({ length: d }, (_, j) => q[j * p + c]!);
    let largest = 0;
    for (let j = 0; j < d; j += 1) if (Math.abs(vector[j]!) > Math.abs(vector[largest]!)) largest = j;
    if (vector[largest]! < 0) for (let j = 0; j < d; j += 1) vector[j] = -vector[j]!;
    return vector;
  });
  return { mean: x.mean, components, variances: values, totalVariance };
}

/** Each row's coordinates on the components: (x − μ)·vₖ, `count` × k values row-major. */
export function project(rows: ArrayLike<number>, count: number, pca: PrincipalComponents): Float32Array {
  const d = pca.mean.length;
  const k = pca.components.length;
  const scores = new Float32Array(count * k);
  for (let i = 0; i < count; i += 1) {
    for (let c = 0; c < k; c += 1) {
      const v = pca.components[c]!;
      let sum = 0;
      for (let j = 0; j < d; j += 1) sum += (rows[i * d + j]! - pca.mean[j]!) * v[j]!;
      scores[i * k + c] = sum;
    }
  }
  return scores;
}

/** The linear decoder: μ + Σ zₖ vₖ (what a point of the PCA plane stands for), clipped to [0, 1] as pixels. */
export function reconstruct(point: readonly number[], pca: PrincipalComponents): Float32Array {
  const out = new Float32Array(pca.mean.length);
  for (let j = 0; j < out.length; j += 1) {
    let value = pca.mean[j]!;
    point.forEach((z, c) => (value += z * pca.components[c]![j]!));
    out[j] = Math.min(1, Math.max(0, value));
  }
  return out;
}
