import { seededRandom } from './seeded-hash';

/**
 * k-means: k-means++ seeding from a seeded generator, then Lloyd
 * iterations until no point changes cluster (at most 300); the best of
 * four seedings by inertia, as scikit-learn's n_init does.
 */
export function fitKmeans(
  x: readonly (readonly number[])[],
  k: number,
  seed: number,
): { centroids: number[][]; inertia: number } {
  let best: { centroids: number[][]; inertia: number } | undefined;
  for (let run = 0; run < 4; run++) {
    const r = lloyd(x, seedCentroids(x, k, seededRandom(seed + run * 7919)));
    if (best === undefined || r.inertia < best.inertia) best = r;
  }
  return best ?? { centroids: [], inertia: 0 };
}

export function nearest(
  centroids: readonly (readonly number[])[],
  xi: readonly number[],
): { cluster: number; distance: number } {
  let cluster = 0;
  let distance = Infinity;
  centroids.forEach((c, j) => {
    const dd = dist2(c, xi);
    if (dd < distance) {
      distance = dd;
      cluster = j;
    }
  });
  return { cluster, distance };
}

export function dist2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return s;
}

function seedCentroids(x: readonly (readonly number[])[], k: number, random: () => number): number[][] {
  const first = x[Math.floor(random() * x.length)] ?? [];
  const centroids = [[...first]];
  const d = x.map((xi) => dist2(first, xi));
  while (centroids.length < k) {
    const total = d.reduce((a, b) => a + b, 0);
    let target = random() * total;
    let pick = x.length - 1;
    for (let i = 0; i < x.length; i++) {
      target -= d[i] ?? 0;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    const c = [...(x[pick] ?? [])];
    centroids.push(c);
    x.forEach((xi, i) => {
      d[i] = Math.min(d[i] ?? 0, dist2(c, xi));
    });
  }
  return centroids;
}

function lloyd(x: readonly (readonly number[])[], start: number[][]): { centroids: number[][]; inertia: number } {
  let centroids = start;
  const assign = new Array<number>(x.length).fill(-1);
  for (let iter = 0; iter < 300; iter++) {
    let changed = false;
    x.forEach((xi, i) => {
      const c = nearest(centroids, xi).cluster;
      if (c !== assign[i]) {
        assign[i] = c;
        changed = true;
      }
    });
    const dim = x[0]?.length ?? 0;
    const sums = centroids.map(() => new Array<number>(dim).fill(0));
    const counts = centroids.map(() => 0);
    x.forEach((xi, i) => {
      const c = assign[i] ?? 0;
      counts[c] = (counts[c] ?? 0) + 1;
      const s = sums[c] ?? [];
      for (let j = 0; j < dim; j++) s[j] = (s[j] ?? 0) + (xi[j] ?? 0);
    });
    // An emptied cluster keeps its centroid.
    centroids = sums.map((s, c) => ((counts[c] ?? 0) === 0 ? (centroids[c] ?? s) : s.map((v) => v / (counts[c] ?? 1))));
    if (!changed) break;
  }
  const inertia = x.reduce((acc, xi) => acc + nearest(centroids, xi).distance, 0);
  return { centroids, inertia };
}
