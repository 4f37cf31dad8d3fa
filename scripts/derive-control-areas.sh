#!/bin/sh
# Derives data/geo/control-areas.geojson from data/geo/countries-50m.geojson by cutting a state's shape along
# hand-drawn lines (contact lines, rivers, administrative boundaries). The lines and their sources are below and
# in data/geo/README.md. Usage: scripts/derive-control-areas.sh   (needs node; no packages)
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
IN="$repo/data/geo/countries-50m.geojson" OUT="$repo/data/geo/control-areas.geojson" node - <<'JS'
const fs = require("fs");
const countries = JSON.parse(fs.readFileSync(process.env.IN, "utf8"));
const round = (x) => Math.round(x * 1e4) / 1e4;

// A line cuts a ring when it starts and ends outside the ring and crosses it exactly twice. The piece kept is
// the part of the ring on the side of `inside`, closed along the line.
function cut(ring, line, inside, what) {
  const hits = [];
  for (let j = 0; j + 1 < line.length; j++) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const t = intersect(ring[i], ring[i + 1], line[j], line[j + 1]);
      if (t) hits.push({ ringEdge: i, ringT: t[0], lineSeg: j, lineT: t[1], point: t[2] });
    }
  }
  if (hits.length !== 2) throw new Error(`${what}: the cut line crosses the ring ${hits.length} times, expected 2`);
  hits.sort((a, b) => a.lineSeg - b.lineSeg || a.lineT - b.lineT);
  const [h1, h2] = hits;
  const inner = line.slice(h1.lineSeg + 1, h2.lineSeg + 1); // line vertices between the crossings
  const chain = (from, to) => { // ring vertices after crossing `from` up to crossing `to`, going forward
    const out = [];
    let i = from.ringEdge;
    if (from.ringEdge === to.ringEdge && from.ringT < to.ringT) return out;
    do { i = (i + 1) % (ring.length - 1); out.push(ring[i]); } while (i !== to.ringEdge);
    return out;
  };
  const a = [h2.point, ...chain(h2, h1), h1.point, ...inner];
  const b = [h1.point, ...chain(h1, h2), h2.point, ...inner.slice().reverse()];
  const piece = pointInRing(inside, a) ? a : pointInRing(inside, b) ? b : null;
  if (!piece) throw new Error(`${what}: the reference point is in neither piece`);
  const closed = piece.map((p) => [round(p[0]), round(p[1])]).filter((p, k, all) => k === 0 || p[0] !== all[k - 1][0] || p[1] !== all[k - 1][1]);
  closed.push(closed[0]);
  return area2(closed) > 0 ? closed : closed.reverse();
}

function intersect(p, q, r, s) {
  const d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0]);
  if (d === 0) return null;
  const t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d;
  const u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d;
  if (t < 0 || t >= 1 || u < 0 || u > 1) return null;
  return [t, u, [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]];
}

function pointInRing(p, r) {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
  }
  return inside;
}

const area2 = (r) => { let s = 0; for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]; return s; };

// The outer ring of the state's polygon that contains `at`.
function ringOf(a3, at) {
  const f = countries.features.find((x) => x.properties.a3 === a3);
  const ring = f.geometry.coordinates.map((p) => p[0]).find((r) => pointInRing(at, r));
  if (!ring) throw new Error(`${a3}: no polygon contains ${at}`);
  return ring;
}

// Reference points (lon, lat): the capital or main town of each area.
const simferopol = [34.10, 44.95], donetsk = [37.80, 48.00], luhansk = [39.31, 48.57];
const tiraspol = [29.63, 46.84], sukhumi = [41.02, 43.00], tskhinvali = [43.97, 42.23];

// Crimea: from Karkinit Bay across the Perekop isthmus, through the Syvash (land at 1:50m) to the Arabat Spit
// south of Strilkove (Kherson oblast, 45.90N 34.88E), ending in the Sea of Azov.
const crimeaLine = [[33.55, 46.02], [33.72, 46.15], [34.15, 46.08], [34.50, 46.00], [34.80, 45.88], [35.10, 45.84]];
// Donbas, line of contact 2015 - February 2022, south to north, then along the Siverskyi Donets to Russia.
const contactLine = [
  [37.80, 46.95], [37.80, 47.12], [37.70, 47.25], [37.63, 47.42], [37.62, 47.60], [37.60, 47.75], [37.55, 47.93],
  [37.56, 48.00], [37.70, 48.08], [37.80, 48.15], [37.95, 48.30], [38.05, 48.36], [38.25, 48.40], [38.33, 48.43],
  [38.45, 48.55], [38.52, 48.66], [38.70, 48.70], [38.85, 48.72], [39.00, 48.72], [39.23, 48.73], [39.40, 48.66],
  [39.55, 48.64], [39.66, 48.63], [39.80, 48.66],
];
// The Donetsk / Luhansk oblast boundary inside the area, north-west to the Russian border.
const oblastLine = [[38.30, 48.50], [38.45, 48.45], [38.50, 48.35], [38.70, 48.20], [38.90, 48.06], [39.05, 47.95], [39.10, 47.70]];
// Transnistria: the Dniester from where it leaves the Moldova-Ukraine border near Camenca down to the border
// south-east of Slobozia. Bender (right bank) is outside this area.
const dniester = [
  [28.50, 48.25], [28.55, 48.12], [28.68, 48.02], [28.85, 47.90], [28.98, 47.76], [29.05, 47.55], [29.13, 47.40],
  [29.10, 47.27], [29.18, 47.15], [29.33, 47.00], [29.52, 46.86], [29.65, 46.72], [29.80, 46.60], [30.00, 46.55],
];
// Abkhazia: the Inguri from the Black Sea, then the ridge north-east to the Russian border.
const abkhaziaLine = [[41.45, 42.33], [41.56, 42.39], [41.75, 42.55], [41.95, 42.70], [42.10, 42.85], [42.25, 43.00], [42.40, 43.20], [42.40, 43.45]];
// South Ossetia: from the Russian border west of the Roki pass, south of Tskhinvali, round Akhalgori, back north.
const ossetiaLine = [
  [43.45, 42.95], [43.50, 42.50], [43.70, 42.35], [43.85, 42.22], [43.97, 42.19], [44.10, 42.22], [44.30, 42.10],
  [44.50, 42.05], [44.60, 42.20], [44.55, 42.40], [44.45, 42.60], [44.45, 42.85],
];

const ukr = ringOf("UKR", simferopol);
const donbas = cut(ukr, contactLine, donetsk, "donbas");
const areas = [
  {
    id: "crimea", name: "Crimea (Autonomous Republic of Crimea and Sevastopol)", within: "UKR", accuracy_km: 8,
    method: "UKR shape (Natural Earth 1:50m) cut along a line from Karkinit Bay across the Perekop isthmus near 46.15N, through the Syvash to the Arabat Spit at 45.87N",
    source: "Administrative boundary of the Autonomous Republic of Crimea with Kherson oblast as drawn on Ukrainian administrative maps (2001 census divisions); Arabat Spit settlements Strilkove and Shchaslyvtseve are in Kherson oblast (Wikipedia, 'Arabat Spit', retrieved 2026-11-22)",
    confidence: "recalled", geometry: cut(ukr, crimeaLine, simferopol, "crimea"),
  },
  {
    id: "donbas-donetsk-2015", name: "Areas of Donetsk oblast outside government control, 2015 to February 2022", within: "UKR", accuracy_km: 10,
    method: "UKR shape cut along an approximate line of contact (Shyrokyne - Marinka - Avdiivka - Horlivka - Debaltseve salient - Zolote - Siverskyi Donets), then split by an approximate Donetsk / Luhansk oblast boundary",
    source: "Line of contact after the Minsk II package of measures (12 February 2015) and the fall of Debaltseve (18 February 2015), as named settlement by settlement in OSCE SMM daily reports 2015-2021 (e.g. 'government-controlled Svitlodarsk', 'non-government-controlled Yasynuvata'); vertices placed from town positions, not traced from a map",
    confidence: "uncertain", geometry: cut(donbas, oblastLine, donetsk, "donbas-donetsk"),
  },
  {
    id: "donbas-luhansk-2015", name: "Areas of Luhansk oblast outside government control, 2015 to February 2022", within: "UKR", accuracy_km: 10,
    method: "UKR shape cut along an approximate line of contact (Zolote, then the Siverskyi Donets past Shchastia and Stanytsia Luhanska to the Russian border), then split by an approximate Donetsk / Luhansk oblast boundary",
    source: "Line of contact after the Minsk II package of measures (12 February 2015), as named in OSCE SMM daily reports 2015-2021 (disengagement areas Stanytsia Luhanska, Zolote, Petrivske); vertices placed from town positions, not traced from a map",
    confidence: "uncertain", geometry: cut(donbas, oblastLine, luhansk, "donbas-luhansk"),
  },
  {
    id: "transnistria", name: "Transnistria (left bank of the Dniester)", within: "MDA", accuracy_km: 5,
    method: "MDA shape cut along an approximate course of the Dniester from near Camenca to south-east of Slobozia; the left bank is kept. Bender and the other right-bank localities held by the Transnistrian authorities are not included, nor are the left-bank villages under Moldovan control excluded",
    source: "Administrative-Territorial Units of the Left Bank of the Dniester (Moldovan law of 22 July 2005); Wikipedia, 'Administrative divisions of Transnistria' (retrieved 2026-11-22)",
    confidence: "uncertain", geometry: cut(ringOf("MDA", tiraspol), dniester, tiraspol, "transnistria"),
  },
  {
    id: "abkhazia", name: "Abkhazia", within: "GEO", accuracy_km: 8,
    method: "GEO shape cut along an approximate line up the Inguri river from the Black Sea and then north-east along the main ridge to the Russian border",
    source: "Boundary of the former Abkhaz ASSR (Inguri river), as on UN and Georgian administrative maps; including the upper Kodori valley, held by Abkhaz forces since August 2008",
    confidence: "uncertain", geometry: cut(ringOf("GEO", sukhumi), abkhaziaLine, sukhumi, "abkhazia"),
  },
  {
    id: "south-ossetia", name: "South Ossetia (Tskhinvali region)", within: "GEO", accuracy_km: 8,
    method: "GEO shape cut along an approximate boundary of the former South Ossetian Autonomous Oblast, including the Akhalgori district",
    source: "Boundary of the former South Ossetian Autonomous Oblast (1922-1990) as on UN and Georgian administrative maps; line held since August 2008 per EUMM Georgia reporting",
    confidence: "uncertain", geometry: cut(ringOf("GEO", tskhinvali), ossetiaLine, tskhinvali, "south-ossetia"),
  },
];

const features = areas.map(({ id, geometry, ...properties }) => ({ type: "Feature", id, properties, geometry: { type: "Polygon", coordinates: [geometry] } }));
const lines = features.map((f) => "  " + JSON.stringify(f));
fs.writeFileSync(process.env.OUT, `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`);
console.log(`${features.length} control areas written to ${process.env.OUT}`);
JS
